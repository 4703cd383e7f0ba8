package app.podium.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses Podium takes, and their keys: look-alikes are refused, case alone folds. */
class EmailsTest {
  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      plain ASCII                          | kate@example.com       | kate@example.com
      mixed case folds                     | Kate@Example.COM       | kate@example.com
      precomposed accented letter          | \u00E9mile@example.com  | \u00E9mile@example.com
      precomposed j with caron             | \u01F0osef@example.com  | \u01F0osef@example.com
      capital I with dot above             | \u0130pek@example.com   | i\u0307pek@example.com
      Cyrillic letter: another address     | \u043Aate@example.com   | \u043Aate@example.com
      """)
  void takesAddressesThatNfkcLeavesAsTheyAreAndKeysThemInLowerCase(
      String what, String address, String key) {
    assertThat(Emails.isNormal(address)).as(what).isTrue();
    assertThat(Emails.key(address)).as(what).isEqualTo(key);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      Kelvin sign for K                    | \u212Aate@example.com
      Kelvin sign, lower case after it     | \u212A@example.com
      full-width letters                   | \uFF4B\uFF41\uFF54\uFF45@example.com
      full-width letter in the domain      | kate@\uFF45xample.com
      fi ligature                          | \uFB01le@example.com
      e and a combining acute accent       | e\u0301mile@example.com
      J and a combining caron (composes once lower case) | J\u030Cosef@example.com
      circled digit                        | \u2460@example.com
      Angstrom sign                        | \u212Bngstr\u00F6m@example.com
      """)
  void refusesLookAlikesThatNfkcWouldChange(String what, String address) {
    assertThat(Emails.isNormal(address)).as(what).isFalse();
    assertThatThrownBy(() -> Emails.key(address)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theKelvinSignNoLongerFindsTheKeyOfK() {
    assertThat("\u212Aate@example.com".toLowerCase(java.util.Locale.ROOT))
        .as("what the old key did")
        .isEqualTo("kate@example.com");
    assertThat(Emails.isNormal("\u212Aate@example.com")).isFalse();
  }
}
