package app.podium.markers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkerServiceTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  /** The repository's contract in memory: a save bumps the version. */
  static final class InMemoryMarkers implements MarkerStore {
    final Map<String, Marker> markers = new HashMap<>();

    @Override
    public Optional<Marker> find(String accountId, String timeline) {
      return Optional.ofNullable(markers.get(accountId + "/" + timeline));
    }

    @Override
    public Marker save(String accountId, String timeline, String lastReadId, Instant now) {
      long version = find(accountId, timeline).map(Marker::version).orElse(0L) + 1;
      Marker marker = new Marker(timeline, lastReadId, version, now);
      markers.put(accountId + "/" + timeline, marker);
      return marker;
    }
  }

  final InMemoryMarkers store = new InMemoryMarkers();
  final MarkerService service = new MarkerService(store, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void savesTheKnownTimelinesAndIgnoresOthers() {
    Map<String, Marker> saved =
        service.save("1", Map.of("home", "42", "notifications", "7", "public", "9"));
    assertThat(saved.keySet()).containsExactly("home", "notifications");
    assertThat(saved.get("home")).isEqualTo(new Marker("home", "42", 1, NOW));
    assertThat(service.get("1", List.of("home", "public")).keySet()).containsExactly("home");
    assertThat(service.get("2", List.of("home"))).isEmpty();
  }

  @Test
  void aLastReadIdMustBeAStatusId() {
    assertThatThrownBy(() -> service.save("1", Map.of("home", "abc")))
        .isInstanceOf(DomainException.Invalid.class)
        .hasMessageContaining("Home");
    assertThatThrownBy(() -> service.save("1", Map.of("home", "1".repeat(21))))
        .isInstanceOf(DomainException.Invalid.class);
    assertThat(store.markers).isEmpty();
  }

  /**
   * Found by the 10,000-a-route fuzz: a valid home position was saved before the invalid
   * notifications one failed.
   */
  @Test
  void oneInvalidPositionSavesNone() {
    assertThatThrownBy(() -> service.save("1", Map.of("home", "42", "notifications", "")))
        .isInstanceOf(DomainException.Invalid.class)
        .hasMessageContaining("Notifications");
    assertThat(store.markers).isEmpty();
  }
}
