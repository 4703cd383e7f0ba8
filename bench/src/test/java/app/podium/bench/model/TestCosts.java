package app.podium.bench.model;

import app.podium.bench.model.UnitCosts.Cost;
import java.util.List;

/** Round unit costs for tests: one WCU per timeline entry, half an RCU per item read. */
final class TestCosts {
  private TestCosts() {}

  static UnitCosts units() {
    return new UnitCosts(
        new Cost(0.5, 6),
        new Cost(0.5, 0),
        0.5,
        1,
        11,
        new Cost(0.5, 0),
        new Cost(1.5, 0),
        0.5,
        0.5,
        2,
        new Cost(2.5, 6),
        new Cost(0.02, 1),
        new Cost(2, 6),
        88,
        90,
        170,
        1000,
        List.of(400.0, 500.0, 600.0),
        10,
        new UnitCosts.Durations(20, 30, 25, 5, 0.4));
  }
}
