package app.podium.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.PolicyViolation;

/**
 * cdk-nag's AwsSolutions pack on the whole stack. cdk-nag 3 is a policy-validation plugin, so the
 * checks run through {@code validateScope} and the test reads the report: an Aspect-style check
 * would find nothing.
 */
class NagTest {

  @Test
  void theStackHasNoFindingThatIsNeitherFixedNorAcknowledged() {
    List<PolicyViolation> violations = App.nag(Synthesized.dev()).getViolations();
    assertThat(violations)
        .extracting(
            v ->
                v.getRuleName()
                    + " at "
                    + v.getViolatingResources().stream().map(r -> r.getConstructPath()).toList())
        .isEmpty();
  }

  @Test
  void theStackWithEveryEdgeOptionSetHasNoFindingEither() {
    List<PolicyViolation> violations = App.nag(Synthesized.edge()).getViolations();
    assertThat(violations)
        .extracting(
            v ->
                v.getRuleName()
                    + " at "
                    + v.getViolatingResources().stream().map(r -> r.getConstructPath()).toList())
        .isEmpty();
  }

  @Test
  void everyAcknowledgementNamesItsResourceTheRuleAndAReason() {
    List<Acknowledgements.Acknowledgement> acknowledgements = Synthesized.dev().acknowledgements();
    assertThat(acknowledgements)
        .isNotEmpty()
        .allSatisfy(
            a -> {
              assertThat(a.path()).startsWith("podium-dev/").isNotEqualTo("podium-dev");
              assertThat(a.ruleId()).matches("AwsSolutions-[A-Z]+[0-9]+(\\[.+])?");
              assertThat(a.reason()).hasSizeGreaterThan(30);
            });
    assertThat(acknowledgements)
        .extracting(Acknowledgements.Acknowledgement::key)
        .doesNotHaveDuplicates();
  }

  @Test
  void leavingOutOneAcknowledgementMakesTheCheckFailOnThatResource() {
    Acknowledgements.Acknowledgement secretRotation =
        Synthesized.dev().acknowledgements().stream()
            .filter(a -> a.ruleId().equals("AwsSolutions-SMG4"))
            .findFirst()
            .orElseThrow();

    PodiumStack without = Synthesized.build("dev", Set.of(secretRotation.key()));
    List<PolicyViolation> violations = App.nag(without).getViolations();

    assertThat(violations).hasSize(1);
    assertThat(violations.getFirst().getRuleName()).isEqualTo("AwsSolutions-SMG4");
    assertThat(violations.getFirst().getSeverity()).isEqualTo("error");
    assertThat(violations.getFirst().getViolatingResources())
        .extracting(r -> r.getConstructPath())
        .containsExactly(secretRotation.path() + "/Resource");
  }

  @Test
  void theChecksReachIntoTheNestedStacksOfTheRoutes() {
    PodiumStack dev = Synthesized.dev();
    String nested = dev.areas().get("accounts").getNode().getPath() + "/";
    Acknowledgements.Acknowledgement publicRoute =
        dev.acknowledgements().stream()
            .filter(a -> a.ruleId().equals("AwsSolutions-APIG4") && a.path().startsWith(nested))
            .findFirst()
            .orElseThrow();

    List<PolicyViolation> violations =
        App.nag(Synthesized.build("dev", Set.of(publicRoute.key()))).getViolations();

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getRuleName()).isEqualTo("AwsSolutions-APIG4");
              assertThat(v.getViolatingResources())
                  .extracting(r -> r.getConstructPath())
                  .containsExactly(publicRoute.path() + "/Resource");
            });
  }

  /**
   * SMG4 (rotation) and CFR2 (WAF) hold without acknowledgement: the origin secret has its rotation
   * schedule, the distribution its web ACL. The check still fails without them: the admin secret's
   * SMG4 below, CFR1 here.
   */
  @Test
  void theOriginSecretRotatesAndTheDistributionHasAWebAclSoNeitherIsAcknowledged() {
    PodiumStack dev = Synthesized.dev();
    assertThat(dev.acknowledgements())
        .noneMatch(a -> a.path().equals(dev.originSecret().getNode().getPath()))
        .noneMatch(a -> a.ruleId().equals("AwsSolutions-CFR2"));
    Acknowledgements.Acknowledgement geo =
        dev.acknowledgements().stream()
            .filter(a -> a.ruleId().equals("AwsSolutions-CFR1"))
            .findFirst()
            .orElseThrow();

    List<PolicyViolation> violations =
        App.nag(Synthesized.build("dev", Set.of(geo.key()))).getViolations();

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getRuleName()).isEqualTo("AwsSolutions-CFR1");
              assertThat(v.getViolatingResources())
                  .extracting(r -> r.getConstructPath())
                  .containsExactly(dev.cdn().getNode().getPath() + "/Resource");
            });
  }

  @Test
  void theAdminSecretsRotationIsAcknowledgedOnThatSecretAlone() {
    String adminSecret = Synthesized.dev().adminSecret().getNode().getPath();
    Acknowledgements.Acknowledgement rotation =
        Synthesized.dev().acknowledgements().stream()
            .filter(a -> a.ruleId().equals("AwsSolutions-SMG4") && a.path().equals(adminSecret))
            .findFirst()
            .orElseThrow();

    List<PolicyViolation> violations =
        App.nag(Synthesized.build("dev", Set.of(rotation.key()))).getViolations();

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getRuleName()).isEqualTo("AwsSolutions-SMG4");
              assertThat(v.getViolatingResources())
                  .extracting(r -> r.getConstructPath())
                  .containsExactly(adminSecret + "/Resource");
            });
  }
}
