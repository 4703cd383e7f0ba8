package app.podium.apps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PkceTest {
  /** RFC 7636, appendix B: the verifier and the S256 challenge it gives. */
  static final String RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  static final String RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  @Test
  void theChallengeOfTheRfcsVerifierIsTheRfcsChallenge() {
    assertThat(Pkce.challengeOf(RFC_VERIFIER)).contains(RFC_CHALLENGE);
  }

  @Test
  void anotherVerifierGivesAnotherChallenge() {
    String other = RFC_VERIFIER.substring(0, 42) + "Y";
    assertThat(Pkce.challengeOf(other)).isPresent().get().isNotEqualTo(RFC_CHALLENGE);
  }

  @Test
  void aVerifierIs43To128UnreservedCharacters() {
    assertThat(Pkce.challengeOf("a".repeat(43))).isPresent();
    assertThat(Pkce.challengeOf("a".repeat(128))).isPresent();
    assertThat(Pkce.challengeOf("-._~" + "Z9".repeat(20))).isPresent();
    assertThat(Pkce.challengeOf("a".repeat(42))).isEmpty();
    assertThat(Pkce.challengeOf("a".repeat(129))).isEmpty();
    assertThat(Pkce.challengeOf("a".repeat(42) + "+")).isEmpty();
    assertThat(Pkce.challengeOf("a".repeat(42) + "é")).isEmpty();
    assertThat(Pkce.challengeOf("")).isEmpty();
    assertThat(Pkce.challengeOf(null)).isEmpty();
  }

  @Test
  void aChallengeIsAnUnpaddedBase64UrlSha256() {
    assertThat(Pkce.isChallenge(RFC_CHALLENGE)).isTrue();
    assertThat(Pkce.isChallenge(RFC_CHALLENGE + "=")).isFalse();
    assertThat(Pkce.isChallenge(RFC_CHALLENGE.substring(1))).isFalse();
    assertThat(Pkce.isChallenge(RFC_CHALLENGE.replace('-', '+'))).isFalse();
    assertThat(Pkce.isChallenge(null)).isFalse();
  }
}
