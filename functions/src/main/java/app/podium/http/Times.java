package app.podium.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times as Mastodon writes them: ISO 8601, UTC, milliseconds, {@code Z}. */
public final class Times {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  public static String iso(Instant instant) {
    return instant == null ? null : ISO.format(instant);
  }

  /** A calendar date, as Mastodon gives {@code last_status_at}. */
  public static String date(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  /**
   * Mastodon rounds an account's {@code created_at} down to midnight, so it reveals no more than
   * the day.
   */
  public static String day(Instant instant) {
    return iso(instant.truncatedTo(ChronoUnit.DAYS));
  }
}
