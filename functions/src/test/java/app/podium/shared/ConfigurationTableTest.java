package app.podium.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is {@link Variables#markdownTable()}, between its two markers.
 * After changing a declaration, {@code ./mvnw -pl functions test -Dtest=ConfigurationTableTest
 * -Dpodium.readme.render} writes the table into the README.
 */
class ConfigurationTableTest {
  static final Path README = Path.of("..", "README.md");
  static final String BEGIN = "<!-- configuration: rendered from shared/Variables.java -->\n";
  static final String END = "<!-- end of configuration -->\n";

  @Test
  void theReadmeTableIsTheDeclaredVariables() throws IOException {
    String readme = Files.readString(README);
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertThat(begin).as("README.md holds the marker %s", BEGIN.strip()).isNotNegative();
    assertThat(end).as("README.md holds the marker %s", END.strip()).isGreaterThan(begin);
    String table = readme.substring(begin + BEGIN.length(), end);
    if (System.getProperty("podium.readme.render") != null) {
      Files.writeString(
          README,
          readme.substring(0, begin + BEGIN.length())
              + Variables.markdownTable()
              + readme.substring(end));
      return;
    }
    assertThat(table)
        .as("README.md's configuration table; render it with -Dpodium.readme.render")
        .isEqualTo(Variables.markdownTable());
  }
}
