package app.podium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginCheckTest {

  /** The values a test sets, and how often the check read them. */
  static final class Source implements OriginSecrets {
    List<String> values = new ArrayList<>(List.of("first-value"));
    RuntimeException failure;
    int reads;

    @Override
    public List<String> accepted() {
      reads++;
      if (failure != null) {
        throw failure;
      }
      return List.copyOf(values);
    }
  }

  final Source source = new Source();
  final ManualClock clock = new ManualClock();
  final OriginCheck check = OriginCheck.of(source, clock);

  static Map<String, String> sending(String value) {
    return Map.of("x-origin-verify", value);
  }

  @Test
  void withoutASecretEveryRequestPasses() {
    assertThat(OriginCheck.fixed("").passes(Map.of())).isTrue();
    assertThat(OriginCheck.off().passes(sending("anything"))).isTrue();
    assertThat(OriginCheck.fixed(null).passes(null)).isTrue();
  }

  @Test
  void onlyTheExactValuePassesWhateverTheHeaderNamesCase() {
    assertThat(check.passes(sending("first-value"))).isTrue();
    assertThat(check.passes(Map.of("X-Origin-Verify", "first-value"))).isTrue();
    assertThat(check.passes(sending("first-valu"))).isFalse();
    assertThat(check.passes(sending("first-value!"))).isFalse();
    assertThat(check.passes(sending("FIRST-VALUE"))).isFalse();
    assertThat(check.passes(Map.of("x-origin-verifyx", "first-value"))).isFalse();
  }

  @Test
  void aRefusedRequestIsA403ThatNamesTheCdn() {
    Map<String, String> headers = new HashMap<>();
    headers.put("x-origin-verify", null);
    for (Map<String, String> refused :
        List.of(Map.<String, String>of(), headers, sending("wrong"))) {
      assertThatThrownBy(() -> check.require(refused))
          .isInstanceOfSatisfying(
              RequestRejected.class,
              e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.getMessage()).isEqualTo(OriginCheck.REFUSED);
              });
    }
  }

  @Test
  void theValuesAreReadOnceForManyRequests() {
    for (int i = 0; i < 100; i++) {
      assertThat(check.passes(sending("first-value"))).isTrue();
    }
    assertThat(source.reads).isEqualTo(1);
  }

  @Test
  void aRequestWithoutTheHeaderReadsNothing() {
    for (int i = 0; i < 100; i++) {
      assertThat(check.passes(Map.of("authorization", "Bearer x"))).isFalse();
    }
    assertThat(source.reads).isZero();
  }

  @Test
  void forgedValuesReadTheSecretAtMostOncePerRetryInterval() {
    check.passes(sending("first-value"));
    clock.advance(OriginCheck.RETRY_AFTER);
    for (int i = 0; i < 1000; i++) {
      assertThat(check.passes(sending("forged-" + i))).isFalse();
    }
    assertThat(source.reads).as("the first read, then one for the first forged value").isEqualTo(2);

    clock.advance(OriginCheck.RETRY_AFTER.minusMillis(1));
    check.passes(sending("forged"));
    assertThat(source.reads).isEqualTo(2);
    clock.advance(Duration.ofMillis(1));
    check.passes(sending("forged"));
    assertThat(source.reads).isEqualTo(3);
  }

  @Test
  void aValueAddedByRotationPassesAfterOneRead() {
    assertThat(check.passes(sending("first-value"))).isTrue();
    clock.advance(OriginCheck.RETRY_AFTER);
    source.values.add("pending-value");

    assertThat(check.passes(sending("pending-value"))).isTrue();
    assertThat(check.passes(sending("first-value")))
        .as("both pass while the secret rotates")
        .isTrue();
    assertThat(source.reads).isEqualTo(2);
  }

  @Test
  void aValueRotatedOutStopsPassingOnceTheHeldValuesAreOlderThanTheMaximumAge() {
    source.values.add("second-value");
    assertThat(check.passes(sending("first-value"))).isTrue();
    source.values.remove("first-value");

    clock.advance(OriginCheck.MAX_AGE);
    assertThat(check.passes(sending("first-value"))).as("still held").isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(check.passes(sending("first-value"))).isFalse();
    assertThat(check.passes(sending("second-value"))).isTrue();
    assertThat(source.reads).isEqualTo(2);
  }

  @Test
  void aFailedReadKeepsTheValuesHeldAndIsNotRetriedAtOnce() {
    assertThat(check.passes(sending("first-value"))).isTrue();
    source.failure = new IllegalStateException("Secrets Manager is unreachable");
    clock.advance(OriginCheck.MAX_AGE.plusSeconds(1));

    assertThat(check.passes(sending("first-value"))).isTrue();
    assertThat(check.passes(sending("forged"))).isFalse();
    assertThat(source.reads).isEqualTo(2);
  }

  @Test
  void whenTheFirstReadFailsEveryRequestIsRefusedUntilARetrySucceeds() {
    source.failure = new IllegalStateException("Secrets Manager is unreachable");
    assertThat(check.passes(sending("first-value"))).isFalse();
    assertThat(check.passes(sending("first-value"))).isFalse();
    assertThat(source.reads).isEqualTo(1);

    source.failure = null;
    clock.advance(OriginCheck.RETRY_AFTER);
    assertThat(check.passes(sending("first-value"))).isTrue();
    assertThat(source.reads).isEqualTo(2);
  }
}
