package app.podium.accounts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Claims fold case only where the rules say two names are one: ASCII letters of usernames, case of
 * emails.
 */
class UniqueKeyItemTest {
  @Test
  void aUsernameFoldsItsAsciiLettersAndNothingElse() {
    assertThat(UniqueKeyItem.username("Kate_9")).isEqualTo("username:kate_9");
    assertThat(UniqueKeyItem.username("\u212Aate"))
        .as("the Kelvin sign is no K")
        .isNotEqualTo("username:kate");
    assertThat(UniqueKeyItem.username("\u0130da"))
        .as("nor is a dotted I an i")
        .isNotEqualTo("username:i\u0307da");
  }

  @Test
  void anEmailFoldsItsCaseAndRefusesAnAddressNfkcWouldChange() {
    assertThat(UniqueKeyItem.email(" Kate@Example.COM ")).isEqualTo("email:kate@example.com");
    assertThatThrownBy(() -> UniqueKeyItem.email("\u212Aate@example.com"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
