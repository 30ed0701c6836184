package org.convertalot.core.internal.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.convertalot.core.internal.process.ProcessTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The per-run temp dirs under the runtime's temp root. */
final class RunDirs {
  private static final Logger LOG = LoggerFactory.getLogger(RunDirs.class);

  private RunDirs() {}

  /** Removes run temp dirs left by processes that died (kill -9 leaves them behind). */
  static void removeDead(Path tempRoot, ProcessTokens tokens) {
    if (!Files.isDirectory(tempRoot)) {
      return;
    }
    try (var dirs = Files.list(tempRoot)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        if (tokens.ownerIsDead(dir.getFileName().toString(), true)) {
          deleteRecursively(dir);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot clean run temp dirs under {}: {}", tempRoot, e.toString());
    }
  }

  static void deleteRecursively(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("could not delete {}", root, e);
    }
  }
}
