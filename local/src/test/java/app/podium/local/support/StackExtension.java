package app.podium.local.support;

import app.podium.local.LocalStack;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Starts the stack of a {@link PodiumIT} class and hands it out: see {@link PodiumIT}. The stack is
 * kept in the class's store, which closes it when the class is done.
 */
public final class StackExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(StackExtension.class);
  private static final List<Class<?>> GIVEN =
      List.of(LocalStack.class, Podium.class, ApiClient.class, Feeds.class);

  /**
   * A class's stack and what is built on it, by type. The {@link Podium} (which registers an app)
   * is made when first asked for: a class that wants only the stack or a client makes no request.
   */
  static final class Given implements AutoCloseable {
    final LocalStack stack;
    final ApiClient api;
    private Feeds feeds;

    Given(LocalStack stack) {
      this.stack = stack;
      this.api = new ApiClient(stack.url());
    }

    synchronized Feeds feeds() {
      if (feeds == null) {
        feeds = new Feeds(new Podium(stack));
      }
      return feeds;
    }

    Object of(Class<?> type) {
      if (type == LocalStack.class) {
        return stack;
      }
      if (type == ApiClient.class) {
        return api;
      }
      return type == Podium.class ? feeds().podium : feeds();
    }

    @Override
    public void close() throws Exception {
      stack.close();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Class<?> testClass = context.getRequiredTestClass();
    PodiumIT declared = AnnotationSupport.findAnnotation(testClass, PodiumIT.class).orElseThrow();
    Map<String, String> settings = new HashMap<>();
    String[] pairs = declared.settings();
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException(
          testClass.getName() + ": settings come in name, value pairs");
    }
    for (int i = 0; i < pairs.length; i += 2) {
      settings.put(pairs[i], pairs[i + 1]);
    }
    settings.putAll(computedSettings(testClass));
    List<ExecutionInterceptor> interceptors = new ArrayList<>();
    for (Field field : fields(testClass, PodiumIT.OnStack.class)) {
      interceptors.add((ExecutionInterceptor) field.get(null));
    }
    ExecutionInterceptor[] onStack = interceptors.toArray(ExecutionInterceptor[]::new);
    LocalStack stack =
        declared.onLocalStackContainer()
            ? TestStacks.startOn(LocalStackContainers.endpoint(), settings)
            : declared.cheapPasswords()
                ? TestStacks.startWithCheapPasswords(settings, onStack)
                : TestStacks.start(settings, onStack);
    Given given = new Given(stack);
    context.getStore(NAMESPACE).put(Given.class, given);
    for (Field field : fields(testClass, null)) {
      if (GIVEN.contains(field.getType()) && !Modifier.isFinal(field.getModifiers())) {
        field.set(null, given.of(field.getType()));
      }
    }
    for (Field field : fields(testClass, PodiumIT.Admin.class)) {
      field.set(null, given.feeds().podium.adminToken());
    }
    for (Field field : fields(testClass, PodiumIT.Member.class)) {
      Feeds.Member member =
          given.feeds().member(field.getAnnotation(PodiumIT.Member.class).value());
      field.set(null, field.getType() == String.class ? member.token() : member);
    }
    for (Field field : fields(testClass, PodiumIT.Followers.class)) {
      PodiumIT.Followers followers = field.getAnnotation(PodiumIT.Followers.class);
      Field author = field.getDeclaringClass().getDeclaredField(followers.of());
      author.setAccessible(true);
      field.set(
          null,
          given
              .feeds()
              .followersOf((Feeds.Member) author.get(null), followers.prefix(), followers.count()));
    }
  }

  /**
   * What the class's static {@code stackSettings()} method returns, if it has one: settings that
   * are worked out at run time (from system properties, say), which an annotation cannot hold.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, String> computedSettings(Class<?> testClass) throws Exception {
    for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.getName().equals("stackSettings")
            && method.getParameterCount() == 0
            && Modifier.isStatic(method.getModifiers())) {
          method.setAccessible(true);
          return (Map<String, String>) method.invoke(null);
        }
      }
    }
    return Map.of();
  }

  /**
   * The class's static fields (with the annotation, unless null), superclasses' first, each class's
   * in the order it declares them (as the JVM lists them; JUnit's own search sorts them otherwise).
   */
  private static List<Field> fields(
      Class<?> testClass, Class<? extends java.lang.annotation.Annotation> annotation) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
      List<Field> own = new ArrayList<>();
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())
            && (annotation == null || field.isAnnotationPresent(annotation))) {
          field.setAccessible(true);
          own.add(field);
        }
      }
      fields.addAll(0, own);
    }
    return fields;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return GIVEN.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .get(Given.class, Given.class)
        .of(parameter.getParameter().getType());
  }
}
