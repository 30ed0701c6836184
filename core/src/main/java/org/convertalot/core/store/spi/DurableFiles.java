package org.convertalot.core.store.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Crash-safe file writes for stores that keep bytes in files: a temp file beside the target, fsync,
 * atomic rename, fsync of the folder. A reader sees the whole file or none, also after a crash or
 * on a network file system that renames atomically.
 */
public final class DurableFiles {
  private DurableFiles() {}

  /**
   * Writes a stream to {@code target} durably and atomically, replacing it when present.
   *
   * @param target the file to create or replace; its folder must exist
   * @param in the bytes, read to the end (not closed)
   * @return how many bytes were written
   * @throws IOException when writing, syncing or renaming fails; no temp file stays
   */
  public static long write(Path target, InputStream in) throws IOException {
    Path temp = target.resolveSibling(".tmp-" + UUID.randomUUID() + "-" + target.getFileName());
    long written;
    try (FileChannel ch =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(ch);
      written = in.transferTo(out);
      out.flush();
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    fsyncDirectory(target.getParent());
    return written;
  }

  /**
   * Flushes a folder's entries to disk, so that the renames and creations in it survive a crash. On
   * a file system that cannot open a folder for fsync this does nothing; renames are still atomic
   * there.
   *
   * @param dir the folder
   * @throws IOException when the folder cannot be synced and is not a folder
   */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }
}
