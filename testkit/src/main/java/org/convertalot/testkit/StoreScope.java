package org.convertalot.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One test's (or one property try's) store: the suite opens a new scope for each and passes the
 * same scope again when it reopens the store within it. A store maps the scope to fresh storage: a
 * file store to {@link #tempDir()}, a database store to a schema or table prefix named {@link
 * #id()}.
 */
public final class StoreScope implements AutoCloseable {
  private final String id = "s" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private Path tempDir;

  StoreScope() {}

  /**
   * {@return an identifier unique to this scope: lower-case letters and digits, starting with a
   * letter, at most 17 characters (usable as a SQL schema name)}
   */
  public String id() {
    return id;
  }

  /**
   * A folder that exists only for this scope, created on first use and deleted when the scope ends.
   *
   * @return the folder
   */
  public synchronized Path tempDir() {
    if (tempDir == null) {
      try {
        tempDir = Files.createTempDirectory("convertalot-" + id + "-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tempDir;
  }

  /** Deletes {@link #tempDir()} if it was used. */
  @Override
  public synchronized void close() {
    if (tempDir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(tempDir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    tempDir = null;
  }

  @Override
  public String toString() {
    return "StoreScope[" + id + "]";
  }
}
