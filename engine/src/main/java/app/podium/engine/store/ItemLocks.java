package app.podium.engine.store;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Locks that make each item's read-modify-write atomic: a fixed set of stripes, an item's stripe
 * chosen by a hash of its table and key. Several items are locked in stripe order, so two
 * transactions never wait on each other in a circle.
 */
public final class ItemLocks {
  private static final int STRIPES = 4096;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

  public ItemLocks() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  public int stripe(String table, ItemKey key) {
    int h = table.hashCode() * 31 + key.hashCode();
    h ^= h >>> 16;
    return Math.floorMod(h * 0x9E3779B9, STRIPES);
  }

  public void lock(int stripe) {
    stripes[stripe].lock();
  }

  public void unlock(int stripe) {
    stripes[stripe].unlock();
  }

  /**
   * Locks the given stripes (duplicates allowed) in ascending order; returns the distinct stripes
   * locked.
   */
  public int[] lockAll(int[] wanted) {
    int[] sorted = wanted.clone();
    Arrays.sort(sorted);
    int count = 0;
    for (int stripe : sorted) {
      if (count == 0 || sorted[count - 1] != stripe) {
        sorted[count++] = stripe;
      }
    }
    int[] distinct = count == sorted.length ? sorted : Arrays.copyOf(sorted, count);
    for (int stripe : distinct) {
      stripes[stripe].lock();
    }
    return distinct;
  }

  public void unlockAll(int[] locked) {
    for (int i = locked.length - 1; i >= 0; i--) {
      stripes[locked[i]].unlock();
    }
  }
}
