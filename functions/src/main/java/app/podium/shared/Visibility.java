package app.podium.shared;

import java.util.Locale;

/** Who may see a status: {@code private} means followers only, as in Mastodon. */
public enum Visibility {
  PUBLIC,
  UNLISTED,
  PRIVATE;

  public static Visibility parse(String value) {
    if (value == null || value.isBlank()) {
      return PUBLIC;
    }
    try {
      return Visibility.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw DomainException.Invalid.field(
          "visibility", "ERR_INCLUSION", "is not included in the list");
    }
  }

  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
