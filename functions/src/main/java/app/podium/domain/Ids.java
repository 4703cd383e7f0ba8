package app.podium.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered 64-bit ids, as Mastodon makes them: milliseconds since the Unix epoch shifted left 16
 * bits, the low 16 bits a sequence that starts at a random point in each container. Two containers
 * minting in the same millisecond collide with odds of 1 in 65,536 per pair; every write that keys on
 * an id is conditional, so a collision is retried, never overwritten.
 */
public final class Ids {
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong(new SecureRandom().nextInt(1 << 16));

  public Ids(Clock clock) {
    this.clock = clock;
  }

  public String next() {
    return Long.toString((clock.millis() << 16) | (sequence.getAndIncrement() & 0xFFFF));
  }

  /** The smallest id minted at that millisecond, for turning times into id bounds. */
  public static long floorOf(long epochMillis) {
    return epochMillis << 16;
  }
}
