package app.podium;

import app.podium.shared.FanoutTasks;
import java.lang.reflect.Proxy;
import java.util.List;

/** The event path of a backend built in a unit test, which has no topic or queue to reach. */
final class TestFanoutTasks {
  private TestFanoutTasks() {}

  /** Fails the test at the first task: the code under test must publish and enqueue nothing. */
  static FanoutTasks refusing(String why) {
    return proxy(
        method -> {
          throw new AssertionError(why);
        });
  }

  /** Notes the name of each method called ({@code publish}, {@code enqueue}) and does nothing. */
  static FanoutTasks noting(List<String> called) {
    return proxy(called::add);
  }

  private static FanoutTasks proxy(java.util.function.Consumer<String> onCall) {
    return (FanoutTasks)
        Proxy.newProxyInstance(
            FanoutTasks.class.getClassLoader(),
            new Class<?>[] {FanoutTasks.class},
            (proxy, method, args) -> {
              onCall.accept(method.getName());
              return null;
            });
  }
}
