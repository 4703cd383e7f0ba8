package app.podium.stats;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A calendar period (UTC) whose active members are counted: a month ({@code 2026-12}) or a
 * half-year ({@code 2026-H2}). Mastodon counts sign-ins over its last weeks; Podium counts each
 * member once per period, at signup or at the first home read in it, so that a count is one marker
 * per member and one sum of shards, never a scan.
 *
 * @param name the period's name, part of its counter's and markers' keys
 * @param start the period's first instant
 * @param end the first instant after the period: its markers are of no use from then on
 */
public record ActivityPeriod(String name, Instant start, Instant end) {

  /** The calendar month holding {@code at}. */
  public static ActivityPeriod month(Instant at) {
    YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
    return new ActivityPeriod(month.toString(), first(month), first(month.plusMonths(1)));
  }

  /** The half-year holding {@code at}: January to June, or July to December. */
  public static ActivityPeriod halfYear(Instant at) {
    YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
    boolean firstHalf = month.getMonthValue() <= 6;
    YearMonth start = YearMonth.of(month.getYear(), firstHalf ? 1 : 7);
    return new ActivityPeriod(
        month.getYear() + (firstHalf ? "-H1" : "-H2"), first(start), first(start.plusMonths(6)));
  }

  /**
   * The periods an activity at {@code at} counts in. Each is counted on its own: its marker counts
   * the member once, so a task retried after counting one of them still counts the other.
   */
  public static List<ActivityPeriod> holding(Instant at) {
    return List.of(halfYear(at), month(at));
  }

  /** Whether {@code at} falls in this period. */
  public boolean holds(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }

  private static Instant first(YearMonth month) {
    return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
