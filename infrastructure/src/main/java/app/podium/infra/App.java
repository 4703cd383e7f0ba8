package app.podium.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code npx cdk synth} (see cdk.json) runs it. One stack, {@code podium-<stage>},
 * with a nested stack of route functions per area of the API (checked with it); the synth stops
 * when cdk-nag's AwsSolutions checks find anything not acknowledged in {@link PodiumStack}.
 */
public final class App {
  private App() {}

  public static void main(String[] args) {
    software.amazon.awscdk.App app = new software.amazon.awscdk.App();
    Config config = Config.fromContext(app.getNode());
    PodiumStack stack =
        new PodiumStack(
            app,
            "podium-" + config.stage(),
            StackProps.builder()
                .env(environment())
                .description(
                    "Podium "
                        + config.stage()
                        + ": Mastodon-compatible API on Lambda, DynamoDB and SNS/SQS")
                .build(),
            config);

    List<PolicyViolation> violations = nag(stack).getViolations();
    if (!violations.isEmpty()) {
      violations.forEach(
          v ->
              System.err.println(
                  v.getRuleName()
                      + ": "
                      + v.getDescription()
                      + " at "
                      + v.getViolatingResources().stream()
                          .map(r -> r.getConstructPath())
                          .toList()));
      throw new IllegalStateException(
          violations.size() + " cdk-nag finding(s) neither fixed nor acknowledged");
    }
    app.synth();
  }

  /**
   * cdk-nag 3 is a policy-validation plugin whose {@code validate} needs a construct tree that this
   * CDK version does not hand to plugins, so the app (and the tests) run it on the stack directly.
   */
  public static PolicyValidationPluginReport nag(PodiumStack stack) {
    return new AwsSolutionsChecks(stack, NagPackProps.builder().verbose(true).build())
        .validateScope(stack);
  }

  /** The account and region of the CLI's profile when there is one; synth needs neither. */
  private static Environment environment() {
    Optional<String> account = Optional.ofNullable(System.getenv("CDK_DEFAULT_ACCOUNT"));
    Optional<String> region = Optional.ofNullable(System.getenv("CDK_DEFAULT_REGION"));
    if (account.isEmpty() || region.isEmpty()) {
      return null;
    }
    return Environment.builder().account(account.get()).region(region.get()).build();
  }
}
