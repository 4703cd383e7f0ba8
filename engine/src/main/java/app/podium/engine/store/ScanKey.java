package app.podium.engine.store;

import app.podium.engine.value.Bytes;
import app.podium.engine.value.Order;
import app.podium.engine.value.Value;

/**
 * Where a partition sits in scan order: by a hash of its key (as DynamoDB scans, in no order a
 * reader could rely on, yet the same on every scan, so paging resumes), then by the key itself.
 */
public record ScanKey(long hash, Value key) implements Comparable<ScanKey> {
  public static ScanKey of(Value key) {
    return new ScanKey(hash(key), key);
  }

  /** A non-negative 63-bit hash, the same in every run. */
  static long hash(Value key) {
    long h = 0xcbf29ce484222325L;
    switch (key) {
      case Value.S s -> {
        String text = s.value();
        for (int i = 0; i < text.length(); i++) {
          h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
      }
      case Value.N n -> {
        String text = n.text();
        for (int i = 0; i < text.length(); i++) {
          h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
      }
      case Value.B b -> {
        Bytes bytes = b.value();
        for (int i = 0; i < bytes.length(); i++) {
          h = (h ^ (bytes.at(i) & 0xff)) * 0x100000001b3L;
        }
      }
      default -> throw new IllegalArgumentException("not a key: " + key.type());
    }
    // MurmurHash3's finalizer spreads FNV's low-entropy high bits
    h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
    h = (h ^ (h >>> 33)) * 0xc4ceb93e64ed558cL;
    return (h ^ (h >>> 33)) >>> 1;
  }

  /** The first hash of parallel-scan segment {@code segment} of {@code total}. */
  public static long segmentStart(int segment, int total) {
    return segment == 0 ? 0 : (Long.MAX_VALUE / total + 1) * segment;
  }

  /** Sorts before every partition whose hash is {@code hash} or more. */
  public static ScanKey atHash(long hash) {
    return new ScanKey(hash, null);
  }

  @Override
  public int compareTo(ScanKey other) {
    int order = Long.compare(hash, other.hash);
    if (order != 0) {
      return order;
    }
    if (key == null || other.key == null) {
      return key == null ? (other.key == null ? 0 : -1) : 1;
    }
    return Order.compare(key, other.key);
  }
}
