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
    Config config =
        Config.fromContext(
            new App(AppProps.builder().context(Map.of("lambdaJar", "x.jar")).build()).getNode());
    assertThat(config.stage()).isEqualTo("dev");
    assertThat(config.prefix()).isEqualTo("podium-dev-");
    assertThat(config.isProd()).isFalse();
    assertThat(config.allowedCountries()).containsExactly("US");
    assertThat(config.signupMode()).isEqualTo("invite_only");
    assertThat(config.publicUrl()).isEmpty();
  }

  @Test
  void contextValuesComeThroughNormalized() {
    Config config =
        Config.fromContext(
            new App(
                    AppProps.builder()
                        .context(
                            Map.of(
                                "stage",
                                "prod",
                                "allowedCountries",
                                "us, ca",
                                "settings",
                                Map.of("INVITES_PER_MEMBER", 3),
                                "lambdaJar",
                                "x.jar"))
                        .build())
                .getNode());
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
  void aMisspeltSettingNamesTheClosestOneAndAnInvalidValueNamesTheVariable() {
    assertThatThrownBy(() -> config("dev", List.of("US"), Map.of("FANOUT_MAX_FOLOWERS", "5")))
        .hasMessageContaining("settings.FANOUT_MAX_FOLOWERS")
        .hasMessageContaining("did you mean FANOUT_MAX_FOLLOWERS?");
    assertThatThrownBy(() -> fromContext(Map.of("settings", Map.of("FANOUT_MAX_FOLLOWERS", "ten"))))
        .hasMessageContaining("FANOUT_MAX_FOLLOWERS=ten")
        .hasMessageContaining("an integer from 0 to");
    assertThatThrownBy(() -> fromContext(Map.of("signupMode", "closed")))
        .hasMessageContaining("signupMode")
        .hasMessageContaining("invite_only, waitlist, open");
  }

  @Test
  void theTunableSettingsAreTheDeclaredOperatorVariables() {
    assertThat(Config.TUNABLE)
        .contains("FANOUT_MAX_FOLLOWERS", "LOG_LEVEL", "API_RATE_WINDOW_SECONDS")
        .doesNotContain("TABLE_PREFIX", "SIGNUP_MODE", "PODIUM_PORT", "ORIGIN_SECRET_ARN");
  }

  @Test
  void stagesAndCountriesAreChecked() {
    assertThatThrownBy(() -> config("Prod!", List.of("US"), Map.of()))
        .hasMessageContaining("stage");
    assertThatThrownBy(() -> config("dev", List.of("USA"), Map.of()))
        .hasMessageContaining("allowedCountries");
    assertThatThrownBy(() -> config("dev", List.of(), Map.of()))
        .hasMessageContaining("allowedCountries");
  }

  @Test
  void theAdminEmailTakesItsDomainFromContext() {
    Config bare =
        Config.fromContext(
            new App(AppProps.builder().context(Map.of("lambdaJar", "x.jar")).build()).getNode());
    assertThat(bare.adminEmail()).isEqualTo("admin@podium.invalid");
    Config set =
        Config.fromContext(
            new App(
                    AppProps.builder()
                        .context(
                            Map.of("lambdaJar", "x.jar", "adminEmailDomain", "social.example.org"))
                        .build())
                .getNode());
    assertThat(set.adminEmail()).isEqualTo("admin@social.example.org");
    assertThatThrownBy(
            () ->
                Config.fromContext(
                    new App(
                            AppProps.builder()
                                .context(
                                    Map.of(
                                        "lambdaJar",
                                        "x.jar",
                                        "adminEmailDomain",
                                        "admin@example.org"))
                                .build())
                        .getNode()))
        .hasMessageContaining("adminEmailDomain");
  }

  @Test
  void theEdgeDefaultsToTheSignupGeoScopeAMonthlyRotationAndTheExecuteApiEndpoint() {
    Config config =
        Config.fromContext(
            new App(AppProps.builder().context(Map.of("lambdaJar", "x.jar")).build()).getNode());
    assertThat(config.edge()).isEqualTo(Config.Edge.DEFAULT);
    assertThat(config.edge().geoScope()).isEqualTo(Config.GeoScope.SIGNUP);
    assertThat(config.edge().originSecretRotationDays()).isEqualTo(30);
    assertThat(fromContext(Map.of("geoScope", "all")).edge().geoScope())
        .isEqualTo(Config.GeoScope.ALL);
  }

  @Test
  void edgeValuesAreChecked() {
    assertThatThrownBy(() -> fromContext(Map.of("geoScope", "ALL")))
        .hasMessageContaining("geoScope must be");
    assertThatThrownBy(() -> fromContext(Map.of("geoScope", "countries")))
        .hasMessageContaining("geoScope must be");
    assertThatThrownBy(() -> fromContext(Map.of("originSecretRotationDays", "0")))
        .hasMessageContaining("originSecretRotationDays");
    assertThatThrownBy(() -> fromContext(Map.of("originDomain", "api.example.org")))
        .hasMessageContaining("originCertificateArn");
    assertThatThrownBy(
            () ->
                fromContext(
                    Map.of(
                        "originDomain",
                        "https://api.example.org",
                        "originCertificateArn",
                        "arn:aws:acm:us-east-1:1:certificate/x")))
        .hasMessageContaining("originDomain");
  }

  /**
   * WAF takes windows of 60, 120, 300 or 600 s and limits from 10: anything else fails the synth,
   * not the deploy.
   */
  @Test
  void rateWindowsAndLimitsThatAwsWafRefusesFailAtSynth() {
    assertThatThrownBy(
            () -> fromContext(Map.of("settings", Map.of("API_RATE_WINDOW_SECONDS", "900"))))
        .hasMessageContaining("API_RATE_WINDOW_SECONDS must be 60, 120, 300 or 600")
        .hasMessageContaining("900");
    assertThatThrownBy(
            () -> fromContext(Map.of("settings", Map.of("ANONYMOUS_RATE_WINDOW_SECONDS", "30"))))
        .hasMessageContaining("ANONYMOUS_RATE_WINDOW_SECONDS must be 60, 120, 300 or 600");
    assertThatThrownBy(() -> fromContext(Map.of("settings", Map.of("ANONYMOUS_RATE_LIMIT", "9"))))
        .hasMessageContaining("ANONYMOUS_RATE_LIMIT must be 10 to");
    assertThatThrownBy(() -> fromContext(Map.of("wafIpRateLimit", "5")))
        .hasMessageContaining("wafIpRateLimit must be 10 to");
    for (String window : List.of("60", "120", "300", "600")) {
      assertThat(
              fromContext(Map.of("settings", Map.of("API_RATE_WINDOW_SECONDS", window)))
                  .limits()
                  .requests()
                  .window()
                  .toSeconds())
          .isEqualTo(Long.parseLong(window));
    }
  }

  @Test
  void thePerAddressCeilingIsTenMembersAllowanceUnlessSet() {
    Config config = fromContext(Map.of("settings", Map.of("API_RATE_LIMIT", "200")));
    assertThat(Firewall.rates(config.limits(), config.edge()).getFirst())
        .isEqualTo(
            new Firewall.Rate(
                "RequestsPerAddress",
                2000,
                300,
                "context wafIpRateLimit",
                "API_RATE_WINDOW_SECONDS"));
    Config set = fromContext(Map.of("wafIpRateLimit", "750"));
    assertThat(Firewall.rates(set.limits(), set.edge()).getFirst().limit()).isEqualTo(750);
  }

  private static Config fromContext(Map<String, Object> context) {
    Map<String, Object> all = new java.util.HashMap<>(context);
    all.put("lambdaJar", "x.jar");
    return Config.fromContext(new App(AppProps.builder().context(all).build()).getNode());
  }

  private static Config config(String stage, List<String> countries, Map<String, String> settings) {
    return new Config(
        stage,
        countries,
        "invite_only",
        Optional.empty(),
        settings,
        Optional.empty(),
        Path.of("x.jar"),
        1,
        1,
        2,
        Config.DEFAULT_ADMIN_DOMAIN,
        Config.Edge.DEFAULT);
  }
}
