package app.podium.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {

  @Test
  void anInvalidValueFailsAtStartNamingTheVariableTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("FANOUT_MAX_FOLLOWERS", "ten")))
        .hasMessageContaining("FANOUT_MAX_FOLLOWERS=ten")
        .hasMessageContaining("an integer from 0 to 1,000,000,000");
  }

  @Test
  void aValueOutOfBoundsFailsLikeAnUnreadableOne() {
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("FANOUT_PAGE_SIZE", "0")))
        .hasMessageContaining("FANOUT_PAGE_SIZE=0")
        .hasMessageContaining("from 1 to 10,000");
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("SIGNUP_MODE", "closed")))
        .hasMessageContaining("SIGNUP_MODE=closed")
        .hasMessageContaining("invite_only, waitlist, open");
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("ALLOWED_COUNTRIES", "US,USA")))
        .hasMessageContaining("ALLOWED_COUNTRIES=US,USA");
  }

  @Test
  void everyInvalidValueIsNamedAtOnceEvenOfVariablesTheSettingsDoNotHold() {
    assertThatThrownBy(
            () ->
                Settings.fromEnvironment(
                    Map.of("PODIUM_PORT", "http", "LOGIN_RATE_WINDOW_SECONDS", "-5")))
        .hasMessageContaining("PODIUM_PORT=http")
        .hasMessageContaining("LOGIN_RATE_WINDOW_SECONDS=-5");
  }

  @Test
  void aMisspeltVariableIsAWarningNamingTheClosestDeclaredName() {
    assertThat(
            Variables.misspellings(
                Map.of("FANOUT_MAX_FOLOWERS", "5", "FANOUT_MAX_FOLLOWERS", "5", "HOME", "/root")))
        .containsExactly(
            "Environment variable FANOUT_MAX_FOLOWERS is not one Podium reads; did you mean"
                + " FANOUT_MAX_FOLLOWERS?");
    assertThat(Variables.misspellings(Map.of("PODIUM_ADMIN_PASWORD", "x")))
        .singleElement()
        .asString()
        .contains("PODIUM_ADMIN_PASSWORD?");
    assertThat(Variables.misspellings(Map.of("PATH", "/bin", "AWS_REGION", "us-east-1"))).isEmpty();
  }

  @Test
  void unsetOrBlankVariablesTakeTheirDeclaredDefaults() {
    Settings settings = Settings.fromEnvironment(Map.of("TIMELINE_MAX", " "));
    assertThat(settings.fanout().maxFollowers()).isEqualTo(100_000);
    assertThat(settings.fanout().timelineMax()).isEqualTo(800);
    assertThat(settings.limits().login().max()).isEqualTo(25);
    assertThat(settings.limits().login().window()).isEqualTo(Duration.ofSeconds(300));
    assertThat(settings.signupMode()).isEqualTo(Settings.SignupMode.INVITE_ONLY);
    assertThat(settings.allowedCountries()).containsExactly("US");
    assertThat(Settings.fromEnvironment(Map.of("ALLOWED_COUNTRIES", "us, ca")).allowedCountries())
        .containsExactly("US", "CA");
  }

  @Test
  void namesAreDeclaredOnce() {
    assertThat(Variables.ALL.stream().map(Variable::name)).doesNotHaveDuplicates();
    assertThat(Variables.named("TABLE_PREFIX")).isSameAs(Variables.TABLE_PREFIX);
  }
}
