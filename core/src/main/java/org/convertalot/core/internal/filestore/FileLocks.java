package org.convertalot.core.internal.filestore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive locks on lock files, safe between threads and between processes.
 *
 * <p>An OS file lock belongs to the process, and closing <em>any</em> channel on a file may drop
 * every lock the process holds on it. So within one JVM a lock file must only ever be opened by the
 * thread that is about to lock it: a JVM-wide stripe of {@link ReentrantLock}s serializes threads
 * (across every store instance on every root) before a channel is opened. That table is the one
 * piece of process-wide state in the library, created on first use, because the OS lock it guards
 * is process-wide too.
 */
final class FileLocks {
  private static final int STRIPES = 1024;
  private static final long MAX_POLL_PAUSE_NANOS = 5_000_000;

  private FileLocks() {}

  private static final class Stripes {
    static final ReentrantLock[] LOCKS = create();

    private static ReentrantLock[] create() {
      ReentrantLock[] locks = new ReentrantLock[STRIPES];
      for (int i = 0; i < STRIPES; i++) {
        locks[i] = new ReentrantLock();
      }
      return locks;
    }
  }

  private static ReentrantLock stripe(Path lockFile) {
    return Stripes.LOCKS[Math.floorMod(lockFile.toString().hashCode(), STRIPES)];
  }

  /** Blocks until the lock is held by this thread. */
  static Held lock(Path lockFile) throws IOException {
    ReentrantLock stripe = stripe(lockFile);
    stripe.lock();
    FileChannel channel = null;
    try {
      channel = open(lockFile);
      FileLock osLock = lockBlocking(channel);
      return new Held(stripe, channel, osLock);
    } catch (IOException | RuntimeException | Error e) {
      try {
        closeQuietly(channel);
      } finally {
        // Even when closing throws (an Error on a full heap), the stripe must not stay held.
        stripe.unlock();
      }
      throw e;
    }
  }

  /**
   * A blocking OS lock. Linux detects deadlocks between processes, not threads: while one thread of
   * this process holds job A's lock and another waits for B's, a thread of another process that
   * holds B and waits for A makes the kernel refuse the wait with EDEADLK, though no thread waits
   * for itself. Such a refusal is retried by polling, which the kernel never refuses.
   */
  private static FileLock lockBlocking(FileChannel channel) throws IOException {
    try {
      return channel.lock();
    } catch (IOException e) {
      if (!isDeadlockRefusal(e)) {
        throw e;
      }
    }
    long pauseNanos = 50_000;
    while (true) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      LockSupport.parkNanos(pauseNanos);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new FileLockInterruptionException();
      }
      pauseNanos = Math.min(pauseNanos * 2, MAX_POLL_PAUSE_NANOS);
    }
  }

  private static boolean isDeadlockRefusal(IOException e) {
    // The JDK exposes no errno; EDEADLK's text is "Resource deadlock avoided" on Linux and macOS.
    return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("deadlock");
  }

  /** Takes the lock when it is free right now, else returns empty. */
  static Optional<Held> tryLock(Path lockFile) throws IOException {
    ReentrantLock stripe = stripe(lockFile);
    if (!stripe.tryLock()) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      channel = open(lockFile);
      FileLock osLock = channel.tryLock();
      if (osLock == null) {
        try {
          closeQuietly(channel);
        } finally {
          stripe.unlock();
        }
        return Optional.empty();
      }
      return Optional.of(new Held(stripe, channel, osLock));
    } catch (IOException | RuntimeException | Error e) {
      try {
        closeQuietly(channel);
      } finally {
        // Even when closing throws (an Error on a full heap), the stripe must not stay held.
        stripe.unlock();
      }
      throw e;
    }
  }

  private static FileChannel open(Path lockFile) throws IOException {
    return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing left to release.
      }
    }
  }

  /** A held lock; closing releases the OS lock, then the channel, then the stripe. */
  static final class Held implements AutoCloseable {
    private final ReentrantLock stripe;
    private final FileChannel channel;
    private final FileLock osLock;

    private Held(ReentrantLock stripe, FileChannel channel, FileLock osLock) {
      this.stripe = stripe;
      this.channel = channel;
      this.osLock = osLock;
    }

    @Override
    public void close() {
      try {
        osLock.release();
      } catch (IOException ignored) {
        // Closing the channel below releases it as well.
      } finally {
        try {
          closeQuietly(channel);
        } finally {
          // Innermost, so no Error in the release or the close leaves the stripe held forever.
          stripe.unlock();
        }
      }
    }
  }
}
