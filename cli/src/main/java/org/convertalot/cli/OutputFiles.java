package org.convertalot.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.convertalot.core.internal.process.ProcessTokens;

/**
 * Writes output files so that a reader never sees a half-written one. The temp file's name is short
 * and fixed in form ({@code .convertalot-<process token>-<n>.tmp}), so a target name of up to the
 * file system's limit still works, and temp files a killed process left behind are removed the
 * first time a later run writes into the same folder.
 */
final class OutputFiles {
  static final String TEMP_PREFIX = ".convertalot-";
  private static final String TEMP_SUFFIX = ".tmp";

  private final ProcessTokens tokens = ProcessTokens.current();
  private final AtomicLong counter = new AtomicLong();
  private final Set<Path> tidied = ConcurrentHashMap.newKeySet();

  /** Writes the bytes to a temp file next to the target, then moves it over the target. */
  void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    if (tidied.add(dir)) {
      removeDeadTempFiles(dir);
    }
    Path temp =
        dir.resolve(TEMP_PREFIX + tokens.prefix() + counter.incrementAndGet() + TEMP_SUFFIX);
    try {
      Files.write(temp, bytes);
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void removeDeadTempFiles(Path dir) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.endsWith(TEMP_SUFFIX)
            && tokens.ownerIsDead(name.substring(TEMP_PREFIX.length()), false)) {
          Files.deleteIfExists(entry);
        }
      }
    } catch (IOException e) {
      // Tidying is a courtesy; the write itself reports real problems.
    }
  }

  /** Deletes a folder and everything in it, as far as it can; for scratch folders. */
  static void deleteTree(Path root) {
    try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A scratch folder left in the temp dir is harmless.
    }
  }
}
