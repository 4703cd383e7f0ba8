package app.podium.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnPathTest {
  @ParameterizedTest
  @ValueSource(strings = {"/settings", "/oauth/authorize?client_id=a&state=b", "/", "/a//b"})
  void aPathOfThisSiteIsKept(String path) {
    assertThat(ReturnPath.local(path)).contains(path);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "javascript:alert(1)",
        "settings",
        ""
      })
  void anythingABrowserCouldTakeForAnotherSiteIsDropped(String path) {
    assertThat(ReturnPath.local(path)).isEmpty();
    assertThat(ReturnPath.orDefault(path)).isEqualTo("/settings");
  }
}
