package app.podium.shared;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Time-ordered 64-bit ids, as Mastodon makes them: milliseconds since the Unix epoch shifted left
 * 16 bits, the low 16 bits a sequence. Each new millisecond starts the sequence at a random point
 * in its lower half, so two containers minting in the same millisecond collide with odds of about 1
 * in 32,768; every write keyed on an id is conditional, so a collision is retried, never
 * overwritten. Within one container ids only grow: a millisecond whose sequence runs out borrows
 * the next one, and a clock that steps back is not followed.
 */
public final class Ids {
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private long millis = -1;
  private int sequence;

  public Ids(Clock clock) {
    this.clock = clock;
  }

  public synchronized String next() {
    long now = clock.millis();
    if (now > millis) {
      millis = now;
      sequence = random.nextInt(1 << 15);
    } else if (++sequence > 0xFFFF) {
      millis++;
      sequence = 0;
    }
    return Long.toString((millis << 16) | sequence);
  }

  /**
   * An id as ids look: up to 19 digits within a long's range. Anything else names nothing: {@code
   * 404 Record not found}, as an id that names nothing is.
   */
  public static String require(String id) {
    if (id == null
        || id.isEmpty()
        || id.length() > 19
        || !id.chars().allMatch(Character::isDigit)
        // 19 digits can still be over a long's range (9223372036854775808), which no id is
        || (id.length() == 19 && id.compareTo(Long.toString(Long.MAX_VALUE)) > 0)) {
      throw new DomainException.NotFound("Record not found");
    }
    return id;
  }

  /** The smallest id minted at that millisecond, for turning times into id bounds. */
  public static long floorOf(long epochMillis) {
    return epochMillis << 16;
  }
}
