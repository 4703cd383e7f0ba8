package app.podium.infra;

import app.podium.Routes;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.constructs.Node;

/**
 * The file of each {@link Routes.Jar}: the functions' jar is {@link Config#lambdaJar()}; the
 * rotation's is CDK context {@code rotationJar}, by default the one that {@code ./mvnw package}
 * leaves in functions/rotation/target.
 */
record LambdaJars(Path functions, Path rotation) {
  static LambdaJars of(Node node, Config config) {
    return new LambdaJars(
        config.lambdaJar(),
        Optional.ofNullable(node.tryGetContext("rotationJar"))
            .map(Object::toString)
            .map(Path::of)
            .orElseGet(
                () ->
                    only(
                        Path.of("..", "functions", "rotation", "target"),
                        "functions-rotation-*-lambda.jar",
                        "rotationJar")));
  }

  Path of(Routes.Jar jar) {
    return switch (jar) {
      case FUNCTIONS -> functions;
      case ROTATION -> rotation;
    };
  }

  /** The one file in {@code directory} that {@code glob} matches. */
  static Path only(Path directory, String glob, String contextKey) {
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(directory)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
        files.forEach(found::add);
      } catch (IOException e) {
        throw new IllegalStateException("cannot list " + directory, e);
      }
    }
    if (found.size() != 1) {
      throw new IllegalStateException(
          "expected one "
              + glob
              + " in "
              + directory.toAbsolutePath()
              + " (found "
              + found.size()
              + "): run ./mvnw -DskipTests package first, or pass -c "
              + contextKey
              + "=...");
    }
    return found.getFirst();
  }
}
