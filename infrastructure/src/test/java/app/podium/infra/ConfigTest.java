package app.podium.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class ConfigTest {

  @Test
  void aBareContextGivesTheDevStageForTheUnitedStates() {
    Config config = Config.fromContext(new App(AppProps.builder()
        .context(Map.of("lambdaJar", "x.jar")).build()).getNode());
    assertThat(config.stage()).isEqualTo("dev");
    assertThat(config.prefix()).isEqualTo("podium-dev-");
    assertThat(config.isProd()).isFalse();
    assertThat(config.allowedCountries()).containsExactly("US");
    assertThat(config.signupMode()).isEqualTo("invite_only");
    assertThat(config.publicUrl()).isEmpty();
  }

  @Test
  void contextValuesComeThroughNormalized() {
    Config config = Config.fromContext(new App(AppProps.builder().context(Map.of("stage", "prod",
        "allowedCountries", "us, ca", "settings", Map.of("INVITES_PER_MEMBER", 3), "lambdaJar", "x.jar"))
        .build()).getNode());
    assertThat(config.isProd()).isTrue();
    assertThat(config.allowedCountries()).containsExactly("US", "CA");
    assertThat(config.settings()).containsEntry("INVITES_PER_MEMBER", "3");
  }

  @Test
  void aSettingTheFunctionsDoNotReadIsRefused() {
    assertThatThrownBy(() -> config("dev", List.of("US"), Map.of("INVITES_PER_MEMBR", "3")))
        .hasMessageContaining("INVITES_PER_MEMBR");
  }

  @Test
  void stagesAndCountriesAreChecked() {
    assertThatThrownBy(() -> config("Prod!", List.of("US"), Map.of())).hasMessageContaining("stage");
    assertThatThrownBy(() -> config("dev", List.of("USA"), Map.of())).hasMessageContaining("allowedCountries");
    assertThatThrownBy(() -> config("dev", List.of(), Map.of())).hasMessageContaining("allowedCountries");
  }

  @Test
  void theAdminEmailTakesItsDomainFromContext() {
    Config bare = Config.fromContext(new App(AppProps.builder().context(Map.of("lambdaJar", "x.jar")).build())
        .getNode());
    assertThat(bare.adminEmail()).isEqualTo("admin@podium.invalid");
    Config set = Config.fromContext(new App(AppProps.builder().context(Map.of("lambdaJar", "x.jar",
        "adminEmailDomain", "social.example.org")).build()).getNode());
    assertThat(set.adminEmail()).isEqualTo("admin@social.example.org");
    assertThatThrownBy(() -> Config.fromContext(new App(AppProps.builder().context(Map.of("lambdaJar", "x.jar",
        "adminEmailDomain", "admin@example.org")).build()).getNode())).hasMessageContaining("adminEmailDomain");
  }

  private static Config config(String stage, List<String> countries, Map<String, String> settings) {
    return new Config(stage, countries, "invite_only", Optional.empty(), settings, Optional.empty(),
        Path.of("x.jar"), 1, 1, 2, Config.DEFAULT_ADMIN_DOMAIN);
  }
}
