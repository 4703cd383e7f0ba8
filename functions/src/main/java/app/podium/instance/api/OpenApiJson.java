package app.podium.instance.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A step of the build, never of a function (functions/pom.xml runs it in process-classes): writes
 * {@code openapi.yaml} as the JSON {@link OpenApi} reads. The YAML parser is a build-time
 * dependency only: 0.4 MB the functions' jar need not carry.
 */
public final class OpenApiJson {
  private OpenApiJson() {}

  /**
   * @param args the YAML file, the JSON file to write
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: OpenApiJson <openapi.yaml> <openapi.json>");
    }
    Path json = Path.of(args[1]);
    Files.createDirectories(json.toAbsolutePath().getParent());
    new ObjectMapper()
        .writeValue(json.toFile(), new YAMLMapper().readTree(Path.of(args[0]).toFile()));
  }
}
