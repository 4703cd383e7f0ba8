package app.podium.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopesTest {
  @Test
  void topLevelScopesCoverTheirGranularScopes() {
    Scopes scopes = Scopes.parse("read write");
    assertThat(scopes.allows("read:accounts")).isTrue();
    assertThat(scopes.allows("write:statuses")).isTrue();
    assertThat(scopes.allows("admin:read:accounts")).isFalse();
  }

  @Test
  void granularScopesDoNotCoverTheirParentOrSiblings() {
    Scopes scopes = Scopes.parse("read:accounts");
    assertThat(scopes.allows("read")).isFalse();
    assertThat(scopes.allows("read:statuses")).isFalse();
    assertThat(scopes.allows("read:accounts")).isTrue();
  }

  @Test
  void adminReadCoversAdminReadScopesOnly() {
    Scopes scopes = Scopes.parse("admin:read");
    assertThat(scopes.allows("admin:read:accounts")).isTrue();
    assertThat(scopes.allows("admin:write:accounts")).isFalse();
  }

  @Test
  void legacyFollowCoversFollowsBlocksAndMutes() {
    Scopes scopes = Scopes.parse("follow");
    assertThat(scopes.allows("write:follows")).isTrue();
    assertThat(scopes.allows("read:blocks")).isTrue();
    assertThat(scopes.allows("write:statuses")).isFalse();
  }

  @Test
  void blankMeansReadAndSeparatorsMayBeSpacesOrPluses() {
    assertThat(Scopes.parse(" ").values()).containsExactly("read");
    assertThat(Scopes.parse("read+write  follow").values())
        .containsExactlyInAnyOrder("read", "write", "follow");
  }

  @Test
  void unknownScopesAreRefusedWithTheFieldNamed() {
    assertThatThrownBy(() -> Scopes.parse("read bogus").requireKnown("scopes"))
        .isInstanceOfSatisfying(
            DomainException.Invalid.class, e -> assertThat(e.details()).containsKey("scopes"));
  }

  @Test
  void coversIsTrueOnlyWhenEveryRequestedScopeIsAllowed() {
    Scopes app = Scopes.parse("read write");
    assertThat(app.covers(Scopes.parse("read:accounts write"))).isTrue();
    assertThat(app.covers(Scopes.parse("read admin:read"))).isFalse();
  }
}
