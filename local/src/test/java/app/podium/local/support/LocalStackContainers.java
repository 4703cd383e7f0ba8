package app.podium.local.support;

import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The LocalStack container the {@code *OnLocalStackIT} tests share: pinned to the last tag that
 * needs no auth token, with only the services Podium uses. Those tests are disabled where Docker is
 * absent.
 */
public final class LocalStackContainers {
  public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.14.0");

  private static LocalStackContainer container;

  private LocalStackContainers() {}

  /** Starts the container on first use; Testcontainers' reaper removes it when the JVM ends. */
  public static synchronized String endpoint() {
    if (container == null) {
      container = new LocalStackContainer(IMAGE).withServices("dynamodb", "sns", "sqs");
      container.start();
    }
    return container.getEndpoint().toString();
  }
}
