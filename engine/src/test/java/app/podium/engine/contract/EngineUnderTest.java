package app.podium.engine.contract;

import app.podium.engine.Engine;
import java.time.Duration;

/**
 * Podium's engine in this process as its users start it ({@code
 * Engine.start(Engine.Options.defaults())}), but for when its TTL sweeper runs: not during a
 * replay. A pair reads an item whose TTL passed in 1970 and expects it still there ("until the
 * sweeper deletes it", as on DynamoDB, which deletes within days); with the default one-second
 * sweep that read raced the sweeper. The sweep itself is TimeToLiveIT's to show.
 */
final class EngineUnderTest implements LocalServer {
  /** Longer than any replay, so the sweeper's first run comes after the last pair. */
  static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

  private final Engine engine;

  private EngineUnderTest(Engine engine) {
    this.engine = engine;
  }

  static EngineUnderTest start() {
    return new EngineUnderTest(
        Engine.start(Engine.Options.defaults().withTtlSweepInterval(SWEEP_INTERVAL)));
  }

  @Override
  public String endpoint() {
    return engine.endpoint();
  }

  @Override
  public void close() {
    engine.close();
  }
}
