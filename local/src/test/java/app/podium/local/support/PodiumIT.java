package app.podium.local.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An IT on a stack of its own ({@link TestStacks}: its own tables and queues, on the JVM's one
 * engine and emulator), started before the class's {@code @BeforeAll} methods and closed after its
 * {@code @AfterAll} ones by {@link StackExtension}. The class's static fields of type {@code
 * LocalStack}, {@link Podium}, {@link ApiClient} and {@link Feeds} are given the stack and its
 * clients, its {@link Member} fields fresh members, its {@link Admin} fields an admin's token, and
 * its {@link OnStack} interceptors are put on the stack's clients; test and lifecycle methods may
 * take the same types as parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(StackExtension.class)
public @interface PodiumIT {
  /**
   * The lock ({@code @ResourceLock}) of the ITs that load the machine (thousands of signups, 32 at
   * once): one of them at a time, so that another IT's requests beside it keep to their timeouts.
   */
  String LOAD = "podium: a load of members at once";

  /**
   * Settings over the test defaults, as name and value in turn: {@code {"SIGNUP_MODE",
   * "waitlist"}}. Settings worked out at run time come from the class's static {@code Map<String,
   * String> stackSettings()} method, when it has one.
   */
  String[] settings() default {};

  /**
   * DynamoDB, SNS and SQS of a LocalStack container ({@link LocalStackContainers}) instead of the
   * JVM's engine and emulator, for the few ITs that hold the two to the same tests.
   */
  boolean onLocalStackContainer() default false;

  /** Passwords hashed by one SHA-256 ({@link TestStacks#startWithCheapPasswords}). */
  boolean cheapPasswords() default false;

  /**
   * A static field given a member signed up through the API before the class's {@code @BeforeAll}
   * methods, in the order the fields are declared: a {@code String} field takes the member's token,
   * a {@link Feeds.Member} field the member.
   */
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  @interface Member {
    /** The member's username. */
    String value();
  }

  /**
   * A static {@code List<Feeds.Member>} field given {@code count} fresh members ({@code prefix0},
   * {@code prefix1}, ...) who each follow the {@link Member} field named by {@code of}, after the
   * class's members and before its {@code @BeforeAll} methods: the audience of a fan-out test.
   */
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  @interface Followers {
    /** The name of the static {@link Member} field whose followers they are. */
    String of();

    String prefix();

    int count();
  }

  /** A static {@code String} field given an admin's token (a password login of the admin). */
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  @interface Admin {}

  /**
   * A static {@code ExecutionInterceptor} field (a fault injector, a call counter) that the stack's
   * SDK clients carry, in the order the fields are declared.
   */
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  @interface OnStack {}
}
