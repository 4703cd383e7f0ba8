package app.podium.local.support;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The ITs' class order (local's failsafe configuration): {@code GrantsProvenIT} last. It is
 * {@code @Isolated}, and isolated classes run one at a time after every concurrent class has
 * finished, in this order; so it reads the touches of every other IT of the run. The others keep
 * their order.
 */
public final class GrantsLast implements ClassOrderer {
  static final String LAST = "app.podium.local.GrantsProvenIT";

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparing(
                (ClassDescriptor descriptor) -> descriptor.getTestClass().getName().equals(LAST)));
  }
}
