package app.podium.shared;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.invites.InviteService;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void tokensCarry256RandomBitsInUrlSafeBase64() {
    String token = Secrets.token();
    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(Secrets.token()).isNotEqualTo(token);
  }

  @Test
  void inviteCodesAvoidLookAlikeCharactersAndCarryAtLeast40Bits() {
    assertThat(Secrets.CODE_ALPHABET)
        .doesNotContain("0", "O", "1", "I", "L", "5", "S", "2", "Z", "8", "B");
    double bits =
        InviteService.CODE_LENGTH * (Math.log(Secrets.CODE_ALPHABET.length()) / Math.log(2));
    assertThat(bits).isGreaterThanOrEqualTo(40);
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String code = Secrets.inviteCode(InviteService.CODE_LENGTH);
      assertThat(code).hasSize(InviteService.CODE_LENGTH);
      assertThat(code.chars()).allMatch(c -> Secrets.CODE_ALPHABET.indexOf(c) >= 0);
      codes.add(code);
    }
    assertThat(codes).hasSize(10_000);
  }

  @Test
  void sha256IsHexAndStable() {
    assertThat(Secrets.sha256("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Secrets.sameHash(Secrets.sha256("a"), Secrets.sha256("a"))).isTrue();
    assertThat(Secrets.sameHash(Secrets.sha256("a"), Secrets.sha256("b"))).isFalse();
  }
}
