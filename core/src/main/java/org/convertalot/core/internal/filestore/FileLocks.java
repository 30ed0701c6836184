package org.convertalot.core.internal.filestore;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
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
      FileLock osLock = channel.lock();
      return new Held(stripe, channel, osLock);
    } catch (IOException | RuntimeException | Error e) {
      closeQuietly(channel);
      stripe.unlock();
      throw e;
    }
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
        closeQuietly(channel);
        stripe.unlock();
        return Optional.empty();
      }
      return Optional.of(new Held(stripe, channel, osLock));
    } catch (IOException | RuntimeException | Error e) {
      closeQuietly(channel);
      stripe.unlock();
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
        closeQuietly(channel);
        stripe.unlock();
      }
    }
  }
}
