package app.podium.engine.limits;

import java.util.List;

/**
 * Per-partition throughput: admits or refuses a request's charges, and keeps the hot-key report.
 */
public interface Throughput {
  /**
   * Admits every charge, or none of them when one would take its partition past its limit this
   * second.
   */
  boolean admit(List<Charge> charges);

  /** Throughput that never refuses and reports nothing. */
  Throughput UNLIMITED = charges -> true;
}
