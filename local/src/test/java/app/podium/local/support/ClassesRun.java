package app.podium.local.support;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * The test classes this JVM has run so far and how each ended (the worst of the class's own result
 * and its tests'), noted by every launcher of the JVM (registered in {@code META-INF/services}):
 * {@code GrantsProvenIT} checks the touches of the ITs that ran before it in the same run, and runs
 * only those the run left out.
 */
public final class ClassesRun implements TestExecutionListener {
  private static final Map<String, TestExecutionResult.Status> FINISHED = new ConcurrentHashMap<>();

  @Override
  public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
    // a class whose tests failed still ends SUCCESSFUL itself: its tests' results count for it
    identifier
        .getSource()
        .map(
            source ->
                switch (source) {
                  case ClassSource c -> c.getClassName();
                  case MethodSource m -> m.getClassName();
                  default -> null;
                })
        .ifPresent(name -> FINISHED.merge(name, result.getStatus(), ClassesRun::worse));
  }

  /** How the class's last run in this JVM ended; empty when it has not run. */
  public static Optional<TestExecutionResult.Status> result(Class<?> testClass) {
    return Optional.ofNullable(FINISHED.get(testClass.getName()));
  }

  private static TestExecutionResult.Status worse(
      TestExecutionResult.Status a, TestExecutionResult.Status b) {
    return a.ordinal() > b.ordinal() ? a : b;
  }
}
