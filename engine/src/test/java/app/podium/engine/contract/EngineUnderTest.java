package app.podium.engine.contract;

import app.podium.engine.Engine;

/** Podium's engine in this process as its users start it: {@code Engine.start(Engine.Options.defaults())}. */
final class EngineUnderTest implements LocalServer {
  private final Engine engine;

  private EngineUnderTest(Engine engine) {
    this.engine = engine;
  }

  static EngineUnderTest start() {
    return new EngineUnderTest(Engine.start(Engine.Options.defaults()));
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
