package app.podium.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first admin from a fake secret source: created once, never leaking the password. */
class BootstrapAdminHandlerTest {
  static final String ARN =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:podium-dev-admin-AbCdEf";
  static final String PASSWORD = "s3cret-Pa55word-that-must-not-leak";
  static final String SECRET =
      "{\"username\":\"admin\",\"email\":\"admin@podium.example\",\"password\":\""
          + PASSWORD
          + "\"}";

  final List<List<String>> calls = new ArrayList<>();

  BootstrapAdminHandler handler(String secret, boolean created) {
    return new BootstrapAdminHandler(
        id -> {
          assertThat(id).isEqualTo(ARN);
          return secret;
        },
        (username, email, password) -> {
          calls.add(List.of(username, email, password));
          return created;
        },
        ARN);
  }

  @Test
  void createsTheAdminFromTheSecretAndReturnsNoPassword() {
    Map<String, Object> result = handler(SECRET, true).handleRequest(Map.of(), null);

    assertThat(calls).containsExactly(List.of("admin", "admin@podium.example", PASSWORD));
    assertThat(result).containsExactly(Map.entry("created", true), Map.entry("username", "admin"));
    assertThat(result.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void anExistingAdminIsReportedNotCreated() {
    Map<String, Object> result = handler(SECRET, false).handleRequest(Map.of("ignored", 1), null);

    assertThat(result).containsEntry("created", false).containsEntry("username", "admin");
  }

  @Test
  void aSecretWithoutPasswordIsRefusedByName() {
    assertThatThrownBy(
            () ->
                handler("{\"username\":\"admin\",\"email\":\"a@b.c\",\"password\":\" \"}", true)
                    .handleRequest(Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(ARN)
        .hasMessageEndingWith("missing, empty or not a string: password");
    assertThat(calls).isEmpty();
  }

  @Test
  void missingAndNonStringFieldsAreAllNamed() {
    assertThatThrownBy(
            () -> handler("{\"email\":42,\"password\":\"x\"}", true).handleRequest(Map.of(), null))
        .hasMessageEndingWith("missing, empty or not a string: username, email");
  }

  @Test
  void malformedJsonIsRefusedWithoutQuotingTheSecret() {
    String broken = "{\"username\":\"admin\",\"password\":" + PASSWORD + "}";
    assertThatThrownBy(() -> handler(broken, true).handleRequest(Map.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not valid JSON")
        .hasNoCause()
        .message()
        .doesNotContain(PASSWORD)
        .doesNotContain("s3cret");
    assertThatThrownBy(() -> handler("[\"admin\"]", true).handleRequest(Map.of(), null))
        .hasMessageEndingWith("it is not a JSON object");
    assertThatThrownBy(() -> handler(null, true).handleRequest(Map.of(), null))
        .hasMessageContaining("no secret string");
    assertThat(calls).isEmpty();
  }

  @Test
  void withoutTheVariableItSaysWhichIsMissing() {
    var handler = new BootstrapAdminHandler(id -> SECRET, (u, e, p) -> true, null);
    assertThatThrownBy(() -> handler.handleRequest(Map.of(), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("ADMIN_SECRET_ARN is not set");
  }

  @Test
  void credentialsPrintWithoutThePassword() {
    assertThat(BootstrapAdminHandler.parse(ARN, SECRET).toString())
        .doesNotContain(PASSWORD)
        .contains("***");
  }
}
