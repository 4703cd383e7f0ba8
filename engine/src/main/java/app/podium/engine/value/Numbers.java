package app.podium.engine.value;

import java.math.BigDecimal;

/**
 * DynamoDB's numbers: exact decimals of at most 38 significant digits, with magnitudes from 1E-130
 * to 9.9999999999999999999999999999999999999E+125 (and zero). Held as {@link BigDecimal} with
 * trailing zeros stripped, so that equal numbers are equal objects; written in plain notation, as
 * DynamoDB writes them.
 */
public final class Numbers {
  static final int MAX_DIGITS = 38;
  static final int MAX_EXPONENT = 125;
  static final int MIN_EXPONENT = -130;

  private Numbers() {}

  /** The number {@code text} stands for, or DynamoDB's validation error. */
  public static BigDecimal parse(String text) {
    BigDecimal parsed;
    try {
      parsed = new BigDecimal(text);
    } catch (NumberFormatException | NullPointerException e) {
      throw DynamoError.validation("A value provided cannot be converted into a number");
    }
    return checked(parsed);
  }

  /** {@code value} normalized, or the error DynamoDB gives when it does not fit. */
  public static BigDecimal checked(BigDecimal value) {
    if (value.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    // the exponent of the leading digit, as in scientific notation
    long exponent = (long) stripped.precision() - stripped.scale() - 1;
    if (exponent > MAX_EXPONENT) {
      throw DynamoError.validation(
          "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }
    if (exponent < MIN_EXPONENT) {
      throw DynamoError.validation(
          "Number underflow. Attempting to store a number with magnitude smaller than supported range");
    }
    if (stripped.precision() > MAX_DIGITS) {
      throw DynamoError.validation("DynamoDB only supports precision up to 38 digits");
    }
    return stripped;
  }

  /** DynamoDB's text of a normalized number: plain notation, no trailing zeros. */
  public static String text(BigDecimal normalized) {
    return normalized.toPlainString();
  }

  /** Significant digits, as DynamoDB sizes a number (leading and trailing zeros do not count). */
  static int significantDigits(BigDecimal normalized) {
    return normalized.signum() == 0 ? 1 : normalized.precision();
  }
}
