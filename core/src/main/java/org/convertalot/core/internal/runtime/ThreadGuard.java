package org.convertalot.core.internal.runtime;

import java.util.function.BooleanSupplier;
import org.convertalot.api.error.ConversionException;
import org.slf4j.Logger;

/**
 * What a runtime thread (worker, heartbeat, maintenance) does with a throwable that one pass of its
 * loop could not handle: it logs it and goes on with its next pass, whatever it was. A job that
 * fills the heap makes the other threads' allocations fail too, so an {@link OutOfMemoryError} can
 * surface in any of them; a thread that died of it would stop heartbeating or reaping for the whole
 * process. Logging itself may fail while the heap is full, so it is guarded too.
 */
final class ThreadGuard {
  private ThreadGuard() {}

  /**
   * The body of a runtime thread: runs {@code loop} again whenever it ends with a throwable while
   * the runtime is open. The loop catches what each of its passes throws; this catches what gets
   * past it anyway: when the JVM deoptimizes compiled code while the heap is full and cannot
   * reallocate the objects it had optimized away, it pops the compiled frames without running their
   * catch blocks. This frame runs once per restart, so it stays interpreted and its own catch block
   * runs. It also loads this class before the heap can fill: a class first loaded while the heap is
   * full fails to load, and the catch block that needs it would throw.
   *
   * @param log the loop's logger
   * @param what the thread, for the log line
   * @param open whether the runtime is still open
   * @param loop the thread's loop; returns once the runtime closed
   * @return the thread's body
   */
  static Runnable resilient(Logger log, String what, BooleanSupplier open, Runnable loop) {
    return () -> {
      while (open.getAsBoolean()) {
        try {
          loop.run();
        } catch (Throwable t) {
          survived(log, what, null, t);
        }
      }
    };
  }

  /**
   * Logs a throwable a loop survived. Never throws; an interrupt flag stays as it was. Callers pass
   * constants and objects, never a string built in their catch block: building it allocates, and
   * allocation is what fails while the heap is full.
   *
   * @param log the loop's logger
   * @param what what failed, for the log line
   * @param subject what it failed on (a job id), or {@code null}
   * @param t what it failed with
   */
  static void survived(Logger log, String what, Object subject, Throwable t) {
    try {
      String on = subject == null ? what : what + " " + subject;
      if (t instanceof ConversionException) {
        // A typed failure (the store is unavailable, say): the message says it all.
        log.warn("{} failed: {}", on, t.toString());
      } else if (t instanceof VirtualMachineError) {
        log.error("{} failed with {}; the thread carries on", on, t.toString(), t);
      } else {
        log.error("{} failed; the thread carries on", on, t);
      }
    } catch (Throwable cannotLog) {
      // Not even a log line fits in the heap now; the loop goes on and the next pass may.
    }
  }
}
