package app.podium.infra;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Routes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What each Lambda jar holds: the CloudFront SDK only in the rotation's, so the 66 other functions
 * do not load, unzip and snapshot 5 MB that only the rotation calls.
 */
class LambdaJarsTest {
  static final String CLOUDFRONT_SDK = "software/amazon/awssdk/services/cloudfront/";

  /**
   * Issue 16's bound on the functions' jar, 15 MB as the bench counts them (MiB): what each of the
   * 66 functions' containers downloads, unzips and snapshots before its first request.
   */
  static final long FUNCTIONS_JAR_MAX_BYTES = 15L * 1024 * 1024;

  static List<String> entries(String jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar)) {
      return zip.stream().map(ZipEntry::getName).toList();
    }
  }

  static String classFile(String className) {
    return className.replace('.', '/') + ".class";
  }

  @Test
  void theFunctionsJarHoldsNeitherTheCloudFrontSdkNorTheRotation() throws IOException {
    List<String> entries = entries(Synthesized.LAMBDA_JAR);

    assertThat(entries).noneMatch(e -> e.startsWith(CLOUDFRONT_SDK));
    assertThat(entries).doesNotContain(classFile(Routes.ROTATE_ORIGIN_SECRET.handler()));
    for (Routes.Function function : Routes.FUNCTIONS) {
      if (function.jar() == Routes.Jar.FUNCTIONS) {
        assertThat(entries).as(function.name()).contains(classFile(function.handler()));
      }
    }
  }

  @Test
  void theFunctionsJarIsAtMost15Megabytes() throws IOException {
    assertThat(Files.size(Path.of(Synthesized.LAMBDA_JAR)))
        .as("%s: see functions/pom.xml's shade filters", Synthesized.LAMBDA_JAR)
        .isLessThanOrEqualTo(FUNCTIONS_JAR_MAX_BYTES);
  }

  @Test
  void theRotationJarHoldsItsHandlerAndTheCloudFrontSdk() throws IOException {
    List<String> entries = entries(Synthesized.ROTATION_JAR);

    assertThat(entries).contains(classFile(Routes.ROTATE_ORIGIN_SECRET.handler()));
    assertThat(entries).anyMatch(e -> e.startsWith(CLOUDFRONT_SDK));
  }

  @Test
  void noJarHoldsAnotherHttpClientThanUrlConnection() throws IOException {
    for (String jar : List.of(Synthesized.LAMBDA_JAR, Synthesized.ROTATION_JAR)) {
      assertThat(entries(jar))
          .as(jar)
          .noneMatch(e -> e.startsWith("software/amazon/awssdk/http/apache"))
          .noneMatch(e -> e.startsWith("software/amazon/awssdk/http/nio/netty"))
          .noneMatch(e -> e.startsWith("org/apache/http/"))
          .noneMatch(e -> e.startsWith("io/netty/"))
          .anyMatch(e -> e.startsWith("software/amazon/awssdk/http/urlconnection/"));
    }
  }
}
