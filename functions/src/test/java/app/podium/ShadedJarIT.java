package app.podium;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The functions' Lambda jar holds every class its functions load: {@link ShadedJarProbe} runs from
 * the shaded jar alone (a fresh class loader whose parent sees only the JDK) and gives the same
 * outcome, step for step, as from the build's class path, which holds every dependency whole. A
 * class the shade plugin's filters or minimization dropped wrongly fails a step there and not here.
 * An IT because it needs the package phase's jar; it starts nothing.
 */
class ShadedJarIT {
  static final Path JAR =
      Path.of(
          System.getProperty("podium.lambda.jar", "target/functions-" + version() + "-lambda.jar"));

  static final Path EVENTS = Path.of("..", "events");

  /** The probe's own classes, copied beside the jar: the build's test classes hold more. */
  static final List<String> PROBE_CLASSES = List.of("ShadedJarProbe", "LambdaContext");

  @Test
  void everyStepRunsFromTheShadedJarAloneAsFromTheClassPath(@TempDir Path probe) throws Exception {
    Map<String, String> fromClassPath = ShadedJarProbe.run(EVENTS);

    Map<String, String> fromJar = runFromJar(probe);

    assertThat(fromJar).containsExactlyEntriesOf(fromClassPath);
    assertThat(fromJar.keySet())
        .filteredOn(step -> step.startsWith("route "))
        .hasSize(Routes.ALL.size());
    assertThat(fromJar).containsKeys("authorizer", "fanout", "lambda GET /api/v1/instance");
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> runFromJar(Path probe) throws Exception {
    copyProbe(probe);
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader jar =
        new URLClassLoader(
            new URL[] {probe.toUri().toURL(), JAR.toUri().toURL()},
            ClassLoader.getPlatformClassLoader())) {
      // Log4j and the SDK's service loaders look in the context class loader, as in Lambda
      Thread.currentThread().setContextClassLoader(jar);
      Class<?> probeClass = jar.loadClass(ShadedJarProbe.class.getName());
      assertThat(probeClass.getClassLoader()).isSameAs(jar);
      assertThat(jar.loadClass(Routes.class.getName()).getProtectionDomain().getCodeSource())
          .extracting(source -> source.getLocation().getPath())
          .isEqualTo(JAR.toUri().toURL().getPath());
      return (Map<String, String>) probeClass.getMethod("run", Path.class).invoke(null, EVENTS);
    } catch (InvocationTargetException e) {
      throw new AssertionError("the probe failed from " + JAR, e.getCause());
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static void copyProbe(Path probe) throws IOException {
    Path classes = Path.of("target", "test-classes", "app", "podium");
    Path target = Files.createDirectories(probe.resolve("app").resolve("podium"));
    try (var files = Files.list(classes)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (PROBE_CLASSES.stream()
            .anyMatch(c -> name.equals(c + ".class") || name.startsWith(c + "$"))) {
          Files.copy(file, target.resolve(name));
        }
      }
    }
  }

  private static String version() {
    return System.getProperty("project.version", "0.1.0-SNAPSHOT");
  }
}
