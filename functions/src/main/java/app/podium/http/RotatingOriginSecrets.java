package app.podium.http;

import app.podium.shared.Variables;
import java.util.List;
import java.util.Optional;

/**
 * The origin secret's values on AWS, where it rotates: the versions labelled {@code AWSCURRENT},
 * {@code AWSPENDING} (from {@code createSecret} to {@code finishSecret}; CloudFront sends it from
 * {@code setSecret} on) and {@code AWSPREVIOUS} (what edges still send while CloudFront propagates
 * a change). A label on no version is skipped. Read only when {@code OriginCheck} reads again:
 * three {@code GetSecretValue} calls.
 */
public final class RotatingOriginSecrets implements OriginSecrets {
  /**
   * The secret's ARN, set by the stack on every function that checks the origin (never its value).
   */
  public static final String ARN_ENV = Variables.ORIGIN_SECRET_ARN.name();

  private final SecretVersions versions;
  private final String secretId;

  public RotatingOriginSecrets(SecretVersions versions, String secretId) {
    this.versions = versions;
    this.secretId = secretId;
  }

  @Override
  public List<String> accepted() {
    return List.of(SecretVersions.CURRENT, SecretVersions.PENDING, SecretVersions.PREVIOUS).stream()
        .flatMap(stage -> versions.value(secretId, Optional.empty(), stage).stream())
        .filter(value -> !value.isEmpty())
        .distinct()
        .toList();
  }
}
