package app.podium.engine.store;

/**
 * DynamoDB's prices: a write unit per 1 KB written, a read unit per 4 KB read (half when eventually
 * consistent).
 */
public final class Capacity {
  private Capacity() {}

  public static int writeUnits(int bytes) {
    return Math.max(1, (bytes + 1023) / 1024);
  }

  /**
   * Read units for {@code bytes} read together (one item, or a page of a query), strongly
   * consistent.
   */
  public static int readUnits(long bytes) {
    return (int) Math.max(1, (bytes + 4095) / 4096);
  }

  public static double readUnits(long bytes, boolean consistent) {
    return consistent ? readUnits(bytes) : readUnits(bytes) / 2.0;
  }
}
