package app.podium.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerLawTest {
  @Test
  void samplerMeanMatchesTheClosedForm() {
    PowerLaw law = new PowerLaw(2, 150, 1.3);
    SplittableRandom random = new SplittableRandom(1);
    double sum = 0;
    int n = 400_000;
    for (int i = 0; i < n; i++) {
      sum += law.sample(random);
    }
    assertThat(sum / n).isCloseTo(law.mean(), within(law.mean() * 0.01));
  }

  @Test
  void samplerTailShareMatchesTheClosedForm() {
    PowerLaw law = new PowerLaw(20, 10_000_000, 1.25);
    SplittableRandom random = new SplittableRandom(2);
    int n = 400_000;
    int above = 0;
    for (int i = 0; i < n; i++) {
      if (law.sample(random) > 1_000) {
        above++;
      }
    }
    assertThat((double) above / n).isCloseTo(law.tail(1_000), within(law.tail(1_000) * 0.05));
  }

  @Test
  void untruncatedParetoMeanIsAlphaMinOverAlphaMinusOne() {
    PowerLaw almostUntruncated = new PowerLaw(10, 1e15, 2.5);
    assertThat(almostUntruncated.mean()).isCloseTo(2.5 * 10 / 1.5, within(1e-6));
  }

  @Test
  void bandsAddUpToTheMean() {
    PowerLaw law = new PowerLaw(20, 10_000_000, 1.25);
    double sum =
        law.partialMean(0, 1e3)
            + law.partialMean(1e3, 1e5)
            + law.partialMean(1e5, Double.POSITIVE_INFINITY);
    assertThat(sum).isCloseTo(law.mean(), within(1e-9 * law.mean()));
    assertThat(law.tail(0)).isEqualTo(1);
    assertThat(law.tail(1e8)).isEqualTo(0);
  }
}
