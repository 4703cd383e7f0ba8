package app.podium.shared;

import java.util.regex.Pattern;

/** Field rules shared by every service, with Mastodon's error codes. */
public final class Text {
  public static final int PASSWORD_MIN = 8;
  public static final int PASSWORD_MAX = 128;
  public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]+");

  /** Deliberately plain: one @, a dot in the domain, no spaces or control characters. */
  static final Pattern EMAIL =
      Pattern.compile("[^\\s@\\p{Cntrl}]+@[^\\s@\\p{Cntrl}]+\\.[^\\s@\\p{Cntrl}]+");

  private Text() {}

  /** Adds ERR_BLANK, ERR_TOO_SHORT or ERR_TOO_LONG; length counts code points. */
  public static void requireLength(
      DomainException.Violations violations, String field, String value, int min, int max) {
    if (value == null || value.isBlank()) {
      violations.add(field, "ERR_BLANK", "can't be blank");
      return;
    }
    int length = value.codePointCount(0, value.length());
    if (length < min) {
      violations.add(field, "ERR_TOO_SHORT", "is too short (minimum is " + min + " characters)");
    } else if (length > max) {
      violations.add(field, "ERR_TOO_LONG", "is too long (maximum is " + max + " characters)");
    }
  }

  /** Optional free text: at most {@code max} code points and no control characters but newlines. */
  public static void checkOptional(
      DomainException.Violations violations, String field, String value, int max) {
    if (value == null) {
      return;
    }
    if (value.codePointCount(0, value.length()) > max) {
      violations.add(field, "ERR_TOO_LONG", "is too long (maximum is " + max + " characters)");
    } else if (value
        .codePoints()
        .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
      violations.add(field, "ERR_INVALID", "contains control characters");
    }
  }

  public static boolean isEmail(String value) {
    return value != null && value.length() <= 254 && EMAIL.matcher(value).matches();
  }
}
