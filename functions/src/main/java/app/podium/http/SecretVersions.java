package app.podium.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * What the origin secret's readers and its rotation need of Secrets Manager: a secret's versions
 * and their staging labels. {@link #secretsManager} is the real one; tests hold versions in memory.
 */
public interface SecretVersions {
  String CURRENT = "AWSCURRENT";
  String PENDING = "AWSPENDING";
  String PREVIOUS = "AWSPREVIOUS";

  /** Whether rotation is on, and each version's staging labels ({@code DescribeSecret}). */
  record Description(boolean rotationEnabled, Map<String, List<String>> stagesByVersion) {
    public Description {
      stagesByVersion = Map.copyOf(stagesByVersion);
    }

    /** The version that carries {@code stage}, if one does. */
    public Optional<String> versionWith(String stage) {
      return stagesByVersion.entrySet().stream()
          .filter(e -> e.getValue().contains(stage))
          .map(Map.Entry::getKey)
          .findFirst();
    }
  }

  Description describe(String secretId);

  /**
   * The value of the version that carries {@code stage} ({@code GetSecretValue}); with {@code
   * versionId}, only if that version carries it. Empty when no version matches.
   */
  Optional<String> value(String secretId, Optional<String> versionId, String stage);

  /**
   * Stores {@code value} as a new version {@code versionId} labelled {@link #PENDING} ({@code
   * PutSecretValue}).
   */
  void putPending(String secretId, String versionId, String value);

  /**
   * Moves {@link #CURRENT} from {@code fromVersionId} to {@code toVersionId}, which Secrets Manager
   * follows by moving {@link #PREVIOUS} to {@code fromVersionId}; then takes {@link #PENDING} off
   * {@code toVersionId} ({@code UpdateSecretVersionStage}, twice).
   */
  void promote(String secretId, String toVersionId, String fromVersionId);

  static SecretVersions secretsManager(SecretsManagerClient client) {
    return new SecretVersions() {
      @Override
      public Description describe(String secretId) {
        var described = client.describeSecret(r -> r.secretId(secretId));
        Map<String, List<String>> stages = new LinkedHashMap<>(described.versionIdsToStages());
        return new Description(Boolean.TRUE.equals(described.rotationEnabled()), stages);
      }

      @Override
      public Optional<String> value(String secretId, Optional<String> versionId, String stage) {
        try {
          return Optional.ofNullable(
              client
                  .getSecretValue(
                      r ->
                          r.secretId(secretId)
                              .versionStage(stage)
                              .versionId(versionId.orElse(null)))
                  .secretString());
        } catch (ResourceNotFoundException noVersionWithThatLabel) {
          return Optional.empty();
        }
      }

      @Override
      public void putPending(String secretId, String versionId, String value) {
        client.putSecretValue(
            r ->
                r.secretId(secretId)
                    .clientRequestToken(versionId)
                    .secretString(value)
                    .versionStages(PENDING));
      }

      @Override
      public void promote(String secretId, String toVersionId, String fromVersionId) {
        client.updateSecretVersionStage(
            r ->
                r.secretId(secretId)
                    .versionStage(CURRENT)
                    .moveToVersionId(toVersionId)
                    .removeFromVersionId(fromVersionId));
        client.updateSecretVersionStage(
            r -> r.secretId(secretId).versionStage(PENDING).removeFromVersionId(toVersionId));
      }
    };
  }
}
