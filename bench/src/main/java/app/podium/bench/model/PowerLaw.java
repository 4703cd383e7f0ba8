package app.podium.bench.model;

import java.util.random.RandomGenerator;

/**
 * Follower counts as a Pareto distribution truncated to {@code [min, max]}: density proportional to
 * {@code x^-(alpha+1)}. Closed forms for the tail share and the partial means the model needs, and
 * an inverse-CDF sampler that the calibration scenario draws its follower graph from.
 *
 * @param min smallest follower count
 * @param max largest follower count (the distribution is cut there)
 * @param alpha tail exponent; must not be 1 (the partial mean's closed form divides by {@code alpha
 *     - 1})
 */
public record PowerLaw(double min, double max, double alpha) {
  public PowerLaw {
    if (!(min > 0 && max > min && alpha > 0 && alpha != 1)) {
      throw new IllegalArgumentException(
          "need 0 < min < max and alpha > 0, alpha != 1: " + min + " " + max + " " + alpha);
    }
  }

  private double norm() {
    return 1 - Math.pow(min / max, alpha);
  }

  /** P(X > t). */
  public double tail(double t) {
    if (t < min) {
      return 1;
    }
    if (t >= max) {
      return 0;
    }
    return (Math.pow(min / t, alpha) - Math.pow(min / max, alpha)) / norm();
  }

  /** E[X; lo < X <= hi], the mean restricted to a band (0 outside it). */
  public double partialMean(double lo, double hi) {
    double a = Math.max(lo, min);
    double b = Math.min(hi, max);
    if (b <= a) {
      return 0;
    }
    return alpha
        * Math.pow(min, alpha)
        / (alpha - 1)
        * (Math.pow(a, 1 - alpha) - Math.pow(b, 1 - alpha))
        / norm();
  }

  public double mean() {
    return partialMean(min, max);
  }

  /** One draw, by inverting the CDF. */
  public double sample(RandomGenerator random) {
    double u = random.nextDouble();
    return min / Math.pow(1 - u * norm(), 1 / alpha);
  }
}
