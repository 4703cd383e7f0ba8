package app.podium.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitCostsTest {
  @Test
  void aQueryRoundsTheItemsTotalSizeUpToFourKilobytes() {
    assertThat(UnitCosts.queryRcu(1, 88, true)).isEqualTo(1);
    assertThat(UnitCosts.queryRcu(46, 88, true)).isEqualTo(1);
    assertThat(UnitCosts.queryRcu(47, 88, true)).isEqualTo(2);
    assertThat(UnitCosts.queryRcu(47, 88, false)).isEqualTo(1);
    assertThat(UnitCosts.queryRcu(0, 88, true)).isZero();
  }
}
