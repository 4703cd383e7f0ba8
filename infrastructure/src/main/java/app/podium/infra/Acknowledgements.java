package app.podium.infra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * The cdk-nag findings this stack accepts, each on the construct it concerns and with its reason.
 * They are recorded as they are made, so tests can list them and build the stack again without one
 * of them.
 */
public final class Acknowledgements {

  /** One accepted finding: where, which rule, why. */
  public record Acknowledgement(String path, String ruleId, String reason) {
    /** What {@link PodiumStack}'s {@code without} set names to leave this one out. */
    public String key() {
      return ruleId + " @ " + path;
    }
  }

  private final Set<String> without;
  private final List<Acknowledgement> made = new ArrayList<>();

  Acknowledgements(Set<String> without) {
    this.without = Set.copyOf(without);
  }

  /** Accepts the finding {@code ruleId} on {@code construct} and everything below it. */
  void add(IConstruct construct, String ruleId, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("an acknowledgement needs its reason: " + ruleId);
    }
    Acknowledgement acknowledgement =
        new Acknowledgement(construct.getNode().getPath(), ruleId, reason);
    if (without.contains(acknowledgement.key())) {
      return;
    }
    if (ruleId.split("::", -1).length > 2) {
      // Validations.acknowledge rejects ids with more than one '::' (granular findings such as
      // AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:...]), so record the same metadata it would
      // (cdk-nag issues 2351, 2359).
      construct
          .getNode()
          .addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, Map.of(ruleId, reason));
    } else {
      Validations.of(construct)
          .acknowledge(Acknowledgment.builder().id(ruleId).reason(reason).build());
    }
    made.add(acknowledgement);
  }

  public List<Acknowledgement> all() {
    return Collections.unmodifiableList(made);
  }
}
