package org.convertalot.core.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition another thread makes true; never waits for time to pass. */
public final class Await {
  private Await() {}

  public static void until(String what, BooleanSupplier condition) {
    if (!within(Duration.ofSeconds(60), condition)) {
      throw new AssertionError("timed out waiting until " + what);
    }
  }

  /** Whether the condition became true within the bound; false when the bound passed first. */
  public static boolean within(Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
    return true;
  }
}
