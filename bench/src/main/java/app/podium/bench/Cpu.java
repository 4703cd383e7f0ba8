package app.podium.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of this process, and of DynamoDB Local's SQLite thread. DynamoDB Local runs every table
 * operation on one thread (named {@code SQLiteQueue...}), so however many calls are in flight its
 * database work is serial: that thread's CPU time is the database work a side asked for, and a
 * floor under its wall time.
 */
final class Cpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private Cpu() {}

  /** Nanoseconds of CPU this process has used so far, DynamoDB Local's share included. */
  static long process() {
    return OS.getProcessCpuTime();
  }

  /** Nanoseconds of CPU the SQLite thread(s) have used so far. */
  static long sqliteThread() {
    long total = 0;
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("SQLiteQueue")) {
        total += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }
}
