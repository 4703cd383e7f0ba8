package app.podium.engine.contract;

/**
 * A DynamoDB server in this process on a loopback port: the engine, or DynamoDB Local under {@code
 * -Pparity}.
 */
interface LocalServer extends AutoCloseable {
  String endpoint();

  /**
   * DynamoDB Local when the parity profile runs (it proves the tests against DynamoDB's stand-in),
   * else the engine.
   */
  static LocalServer forThisBuild() throws Exception {
    return Boolean.getBoolean("parity") ? DynamoDbLocal.start() : EngineUnderTest.start();
  }
}
