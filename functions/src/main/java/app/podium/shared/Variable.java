package app.podium.shared;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One environment variable Podium reads: its name, its default (empty: none), what values it takes,
 * who sets it on AWS and what it means. Declared once, in {@link Variables}; the functions, the
 * local stack and the CDK app read it through here, and the README's table is rendered from it.
 *
 * @param defaultValue the text read when the variable is unset or blank; empty when there is none
 * @param type what it takes, and how its text becomes a value
 * @param defaultText how the README shows the default when it is not a literal ({@code set by
 *     CDK}); empty: the default itself
 */
public record Variable<T>(
    String name,
    String defaultValue,
    Type<T> type,
    Source source,
    String meaning,
    String defaultText) {

  /** Where the value comes from when Podium runs on AWS. */
  public enum Source {
    /** An operator's choice: the CDK context's {@code settings} object passes it through. */
    SETTINGS("`settings` context"),
    /** The CDK stack sets it itself (from its own context keys or the resources it creates). */
    STACK("the stack"),
    /** The local stack (and tests) only; never set on AWS. */
    LOCAL("local stack only");

    private final String text;

    Source(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /**
   * How a variable's text becomes its value, and what it accepts (a sentence fragment: "an integer
   * from 1 to 1,000").
   */
  public record Type<T>(String allowed, Function<String, T> parse) {}

  /**
   * The value from {@code env}, or the default when unset or blank.
   *
   * @throws InvalidValue naming the variable, the value and what it accepts
   */
  public T read(Map<String, String> env) {
    return read(Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank()).orElse(defaultValue));
  }

  /** The value from {@code env}, when it is set (not blank); no default. */
  public Optional<T> readIfSet(Map<String, String> env) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank()).map(this::read);
  }

  private T read(String text) {
    try {
      return type.parse().apply(text.trim());
    } catch (RuntimeException e) {
      throw new InvalidValue(this, text);
    }
  }

  /** A value a variable does not take; the message names the variable, the value and the rule. */
  public static final class InvalidValue extends IllegalArgumentException {
    InvalidValue(Variable<?> variable, String value) {
      super(variable.name() + "=" + value + " is invalid: it must be " + variable.type().allowed());
    }
  }
}
