package org.convertalot.core.internal.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How many conversions an engine runs at once. The limit can change after a probe (one per GPU
 * found); a permit is returned only when the engine call has really returned, so a call the runtime
 * gave up on keeps its device until it ends.
 */
final class EnginePermits {
  private int limit;
  private int inUse;

  EnginePermits(int limit) {
    this.limit = Math.max(1, limit);
  }

  synchronized int limit() {
    return limit;
  }

  /** Raises or lowers the limit; calls already running keep their permits. */
  synchronized void setLimit(int value) {
    limit = Math.max(1, value);
    notifyAll();
  }

  /** Takes a permit, waiting at most {@code wait}; false when none came free in time. */
  synchronized boolean tryAcquire(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (inUse >= limit) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    inUse++;
    return true;
  }

  synchronized void release() {
    if (inUse > 0) {
      inUse--;
    }
    notifyAll();
  }
}
