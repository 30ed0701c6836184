package org.convertalot.core.internal.filestore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A test hook for crash-consistency tests: with the system property {@value #PROPERTY} set to N,
 * the process halts (as kill -9 would: no shutdown hooks, no finally blocks) right after its N-th
 * durable write of a data root. Unset, as in every real deployment, it costs one property lookup
 * per durable write, which already pays for an fsync.
 */
final class CrashPoints {
  /** The property a test sets on a child JVM; never set it in production. */
  static final String PROPERTY = "convertalot.internal.test.crashAfterDurableWrites";

  /** The exit status of a halt here, as a shell reports a SIGKILL. */
  static final int EXIT_STATUS = 137;

  private static final AtomicLong DURABLE_WRITES = new AtomicLong();

  private CrashPoints() {}

  /** Called after each durable write has reached the disk. */
  static void durableWriteDone() {
    String limit = System.getProperty(PROPERTY);
    if (limit == null) {
      return;
    }
    long n = DURABLE_WRITES.incrementAndGet();
    if (n == Long.parseLong(limit.trim())) {
      Runtime.getRuntime().halt(EXIT_STATUS);
    }
  }

  /** Durable writes counted so far in this process (only while the property is set). */
  static long durableWrites() {
    return DURABLE_WRITES.get();
  }
}
