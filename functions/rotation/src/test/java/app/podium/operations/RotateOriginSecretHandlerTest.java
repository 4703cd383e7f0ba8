package app.podium.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.ManualClock;
import app.podium.http.OriginCheck;
import app.podium.http.RotatingOriginSecrets;
import app.podium.http.SecretVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.CustomHeaders;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginCustomHeader;
import software.amazon.awssdk.services.cloudfront.model.Origins;

class RotateOriginSecretHandlerTest {
  static final String SECRET =
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:podium/dev/origin-verify-AbCdEf";
  static final List<String> STEPS =
      List.of("createSecret", "setSecret", "testSecret", "finishSecret");

  /**
   * A secret's versions and labels as Secrets Manager keeps them: a rotation starts by labelling a
   * new version AWSPENDING before it has a value; moving AWSCURRENT moves AWSPREVIOUS onto the
   * version it left.
   */
  static final class Versions implements SecretVersions {
    final Map<String, List<String>> stages = new LinkedHashMap<>();
    final Map<String, String> values = new LinkedHashMap<>();
    boolean rotationEnabled = true;

    Versions(String initial) {
      stages.put("v0", new ArrayList<>(List.of(CURRENT)));
      values.put("v0", initial);
    }

    /** What RotateSecret does before it invokes the function: a version id labelled AWSPENDING. */
    String startRotation() {
      String token = UUID.randomUUID().toString();
      stages.values().forEach(labels -> labels.remove(PENDING));
      stages.put(token, new ArrayList<>(List.of(PENDING)));
      return token;
    }

    @Override
    public Description describe(String secretId) {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      stages.forEach((version, labels) -> copy.put(version, List.copyOf(labels)));
      return new Description(rotationEnabled, copy);
    }

    @Override
    public Optional<String> value(String secretId, Optional<String> versionId, String stage) {
      return stages.entrySet().stream()
          .filter(
              e -> e.getValue().contains(stage) && versionId.map(e.getKey()::equals).orElse(true))
          .map(e -> values.get(e.getKey()))
          .filter(v -> v != null)
          .findFirst();
    }

    @Override
    public void putPending(String secretId, String versionId, String value) {
      stages.values().forEach(labels -> labels.remove(PENDING));
      stages.computeIfAbsent(versionId, v -> new ArrayList<>()).add(PENDING);
      values.put(versionId, value);
    }

    @Override
    public void promote(String secretId, String toVersionId, String fromVersionId) {
      stages.values().forEach(labels -> labels.remove(PREVIOUS));
      stages.get(fromVersionId).remove(CURRENT);
      stages.get(fromVersionId).add(PREVIOUS);
      stages.get(toVersionId).add(CURRENT);
      stages.get(toVersionId).remove(PENDING);
    }
  }

  /** The distribution's origin header, counting the updates. */
  static final class Header implements RotateOriginSecretHandler.OriginHeader {
    String value;
    int updates;

    Header(String value) {
      this.value = value;
    }

    @Override
    public List<String> values() {
      return List.of(value);
    }

    @Override
    public void set(String newValue) {
      if (!newValue.equals(value)) {
        value = newValue;
        updates++;
      }
    }
  }

  final Versions versions = new Versions("value-0");
  final Header header = new Header("value-0");
  final AtomicInteger generated = new AtomicInteger();
  final RotateOriginSecretHandler handler =
      new RotateOriginSecretHandler(versions, header, () -> "value-" + generated.incrementAndGet());

  void rotate(String token, String step) {
    handler.handleRequest(
        Map.of("SecretId", SECRET, "ClientRequestToken", token, "Step", step), null);
  }

  String rotateFully() {
    String token = versions.startRotation();
    STEPS.forEach(step -> rotate(token, step));
    return token;
  }

  @Test
  void theFourStepsPutANewValueInCloudFrontThenMakeItCurrentAndTheOldOnePrevious() {
    String token = rotateFully();

    assertThat(header.value).isEqualTo("value-1");
    assertThat(header.updates).isEqualTo(1);
    assertThat(versions.value(SECRET, Optional.empty(), SecretVersions.CURRENT))
        .contains("value-1");
    assertThat(versions.value(SECRET, Optional.empty(), SecretVersions.PREVIOUS))
        .contains("value-0");
    assertThat(versions.value(SECRET, Optional.empty(), SecretVersions.PENDING)).isEmpty();
    assertThat(versions.stages.get(token)).containsExactly(SecretVersions.CURRENT);
  }

  @Test
  void
      theFunctionsAcceptTheOldAndTheNewValueWhileCloudFrontSwitchesAndDropTheOldestAfterTheNextRotation() {
    ManualClock clock = new ManualClock();
    OriginCheck check = OriginCheck.of(new RotatingOriginSecrets(versions, SECRET), clock);
    assertThat(check.passes(sending("value-0"))).isTrue();

    String token = versions.startRotation();
    rotate(token, "createSecret");
    rotate(token, "setSecret");
    clock.advance(Duration.ofMinutes(1));
    // CloudFront's edges take the new value one by one: both reach the functions for a while
    assertThat(check.passes(sending(header.value))).isTrue();
    assertThat(check.passes(sending("value-0"))).isTrue();
    rotate(token, "testSecret");
    rotate(token, "finishSecret");
    clock.advance(Duration.ofMinutes(10));
    assertThat(check.passes(sending("value-0"))).as("AWSPREVIOUS: late edges").isTrue();
    assertThat(check.passes(sending("value-1"))).isTrue();

    rotateFully();
    clock.advance(Duration.ofMinutes(10));
    assertThat(check.passes(sending("value-2"))).isTrue();
    assertThat(check.passes(sending("value-1"))).isTrue();
    assertThat(check.passes(sending("value-0"))).as("two rotations ago").isFalse();
  }

  @Test
  void everyStepCanRunAgainAfterAFailureWithoutChangingItsOutcome() {
    String token = versions.startRotation();
    for (String step : STEPS) {
      rotate(token, step);
      rotate(token, step);
    }
    assertThat(generated).hasValue(1);
    assertThat(header.updates).isEqualTo(1);
    assertThat(versions.value(SECRET, Optional.empty(), SecretVersions.CURRENT))
        .contains("value-1");
    assertThat(versions.value(SECRET, Optional.empty(), SecretVersions.PREVIOUS))
        .contains("value-0");
  }

  @Test
  void testSecretFailsWhileTheDistributionDoesNotCarryThePendingValue() {
    String token = versions.startRotation();
    rotate(token, "createSecret");
    assertThatThrownBy(() -> rotate(token, "testSecret"))
        .hasMessageContaining("does not carry version " + token);
    assertThatThrownBy(() -> rotate(token, "setSecret_"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSecretWithoutRotationOrAVersionThatIsNotPendingIsRefused() {
    String token = versions.startRotation();
    versions.rotationEnabled = false;
    assertThatThrownBy(() -> rotate(token, "createSecret"))
        .hasMessageContaining("not enabled for rotation");
    versions.rotationEnabled = true;
    assertThatThrownBy(() -> rotate("unknown", "createSecret"))
        .hasMessageContaining("no stage for rotation");
    versions.stages.get(token).clear();
    assertThatThrownBy(() -> rotate(token, "createSecret"))
        .hasMessageContaining("is not AWSPENDING");
    assertThatThrownBy(
            () -> handler.handleRequest(Map.of("SecretId", SECRET, "Step", "createSecret"), null))
        .hasMessageContaining("ClientRequestToken");
    assertThat(header.updates).isZero();
  }

  @Test
  void setSecretChangesOnlyTheOriginHeaderOfTheDistributionsConfiguration() {
    Origin api =
        Origin.builder()
            .id("api")
            .domainName("abc.execute-api.us-east-1.amazonaws.com")
            .customHeaders(
                CustomHeaders.builder()
                    .quantity(2)
                    .items(
                        OriginCustomHeader.builder()
                            .headerName("X-Origin-Verify")
                            .headerValue("old")
                            .build(),
                        OriginCustomHeader.builder()
                            .headerName("X-Other")
                            .headerValue("kept")
                            .build())
                    .build())
            .build();
    Origin other = Origin.builder().id("media").domainName("media.example.org").build();
    DistributionConfig config =
        DistributionConfig.builder()
            .comment("Podium")
            .origins(Origins.builder().quantity(2).items(api, other).build())
            .build();

    DistributionConfig updated = RotateOriginSecretHandler.withHeader(config, "new");

    assertThat(RotateOriginSecretHandler.headerValues(updated)).containsExactly("new");
    assertThat(updated.origins().items().getFirst().customHeaders().items().get(1).headerValue())
        .isEqualTo("kept");
    assertThat(updated.origins().items().get(1)).isEqualTo(other);
    assertThat(updated.comment()).isEqualTo("Podium");
    DistributionConfig without =
        config.toBuilder().origins(Origins.builder().quantity(1).items(other).build()).build();
    assertThatThrownBy(() -> RotateOriginSecretHandler.withHeader(without, "new"))
        .hasMessageContaining("No origin of the distribution carries");
  }

  @Test
  void newValuesAreLongAndRandom() {
    String value = RotateOriginSecretHandler.randomValue();
    assertThat(value).hasSize(RotateOriginSecretHandler.LENGTH).matches("[A-Za-z0-9]+");
    assertThat(RotateOriginSecretHandler.randomValue()).isNotEqualTo(value);
  }

  static Map<String, String> sending(String value) {
    return Map.of("x-origin-verify", value);
  }
}
