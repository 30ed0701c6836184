package org.convertalot.core.internal.runtime;

/** A wake-up that threads wait on for at most a while: a poll that a notice can cut short. */
final class Signal {
  private final Object lock = new Object();

  /** Wakes every thread waiting now. */
  void wakeAll() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /** Waits until woken or {@code millis} (at least 1) have passed; keeps an interrupt's flag. */
  void await(long millis) {
    synchronized (lock) {
      try {
        lock.wait(Math.max(1, millis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
