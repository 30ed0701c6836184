package org.convertalot.core.internal.filestore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.convertalot.core.store.spi.DurableFiles;

/** Crash-safe file writes: temp file, fsync, atomic rename, fsync of the directory. */
final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code data} atomically: readers see the old or the new bytes,
   * never a mix, even across a crash.
   *
   * @param tempFile a fresh path on the same file system, used for the new bytes
   * @param durable whether to fsync (heartbeats skip it: a lost heartbeat is harmless)
   */
  static void write(Path target, Path tempFile, byte[] data, boolean durable) throws IOException {
    try (FileChannel ch =
        FileChannel.open(tempFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(data);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      if (durable) {
        ch.force(true);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tempFile);
      throw e;
    }
    move(tempFile, target, durable);
  }

  /** Renames atomically, replacing the target, and makes the rename durable when asked. */
  static void move(Path from, Path to, boolean durable) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(from);
      throw e;
    }
    if (durable) {
      fsyncDirectory(to.getParent());
      CrashPoints.durableWriteDone();
    }
  }

  /** Creates an empty file (if absent) and makes its directory entry durable. */
  static void touch(Path file, boolean durable) throws IOException {
    if (!Files.exists(file)) {
      try {
        Files.createFile(file);
      } catch (java.nio.file.FileAlreadyExistsException ignored) {
        // Another writer made it: same outcome.
      }
      if (durable) {
        fsyncDirectory(file.getParent());
        CrashPoints.durableWriteDone();
      }
    }
  }

  /** Flushes a directory's entries to disk so that renames and creations survive a crash. */
  static void fsyncDirectory(Path dir) throws IOException {
    DurableFiles.fsyncDirectory(dir);
  }
}
