package app.podium.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageRequestTest {
  @Test
  void boundsAreExclusive() {
    PageRequest page = new PageRequest(Optional.of(10L), Optional.of(5L), Optional.empty(), 20);
    assertThat(page.contains(9)).isTrue();
    assertThat(page.contains(6)).isTrue();
    assertThat(page.contains(10)).isFalse();
    assertThat(page.contains(5)).isFalse();
    assertThat(page.ascending()).isFalse();
  }

  @Test
  void minIdReadsUpwardsAndWinsOverSinceId() {
    PageRequest page = new PageRequest(Optional.empty(), Optional.of(1L), Optional.of(7L), 20);
    assertThat(page.ascending()).isTrue();
    assertThat(page.lowerBound()).contains(7L);
    assertThat(page.contains(7)).isFalse();
    assertThat(page.contains(8)).isTrue();
  }
}
