package app.podium.engine.contract;

/**
 * Podium's engine in this process, started through its public API:
 * {@code Engine.start(Engine.Options.defaults())}, then {@code endpoint()} and {@code close()}.
 * <p>Reached by name while the engine is built on its own branch: this one must compile without it, and a replay
 * without it fails with that cause instead of failing to build.
 */
final class EngineUnderTest implements LocalServer {
  private static final String ENGINE = "app.podium.engine.Engine";
  private final AutoCloseable engine;
  private final String endpoint;

  private EngineUnderTest(AutoCloseable engine, String endpoint) {
    this.engine = engine;
    this.endpoint = endpoint;
  }

  static EngineUnderTest start() {
    try {
      Class<?> engineClass = Class.forName(ENGINE);
      Class<?> options = Class.forName(ENGINE + "$Options");
      Object defaults = options.getMethod("defaults").invoke(null);
      AutoCloseable engine = (AutoCloseable) engineClass.getMethod("start", options).invoke(null, defaults);
      return new EngineUnderTest(engine, (String) engineClass.getMethod("endpoint").invoke(engine));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(ENGINE + " is not on the classpath: the engine branch is not merged yet", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Engine.start(Engine.Options.defaults()) failed: " + e.getCause(), e);
    }
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  @Override
  public void close() throws Exception {
    engine.close();
  }
}
