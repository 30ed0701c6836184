package org.convertalot.store.postgres.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.api.error.StoreUnavailableException;
import org.convertalot.core.store.spi.DurableFiles;

/**
 * A folder every worker mounts (NFS, SMB), holding the store's sources and artifacts as files when
 * the builder asks for it, so that the database holds only rows. Rows name their file by a location
 * relative to the folder ({@code sources/…} or {@code artifacts/…}).
 *
 * <p>Guarantees: a file is written durably and atomically under a name never used before, before
 * the transaction that references it commits, so a committed row never names a missing or partial
 * file; a file is removed only by {@link #sweep}, once no row names it and it is older than {@link
 * #SWEEP_GRACE}, so a file whose transaction has not committed yet is never taken; a location read
 * from a row is checked before it becomes a path.
 */
final class SharedFolder {
  /** How old an unreferenced file must be before a purge removes it: longer than any submit. */
  static final Duration SWEEP_GRACE = Duration.ofHours(1);

  private static final int SWEEP_BATCH = 500;

  private static final Pattern LOCATION =
      Pattern.compile("(sources|artifacts)/[0-9a-zA-Z][0-9a-zA-Z._-]{0,200}");

  private final Path root;

  SharedFolder(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root.resolve("sources"));
      Files.createDirectories(this.root.resolve("artifacts"));
    } catch (IOException e) {
      throw unavailable("cannot create the shared folder's subfolders", e);
    }
  }

  /**
   * The shared folder a row's file lives in.
   *
   * @throws ConfigurationException when the store was opened without one
   */
  static SharedFolder require(SharedFolder folder, String schema, String location) {
    if (folder == null) {
      throw new ConfigurationException(
          "postgres schema "
              + schema
              + " keeps "
              + location
              + " in a shared folder, and this store was opened without one (sharedFolder)",
          Map.of("schema", schema, "location", location));
    }
    return folder;
  }

  Path root() {
    return root;
  }

  /**
   * A name no file has had: the row that will name it goes in before the file is written.
   *
   * @param kind {@code sources} or {@code artifacts}
   * @param stem the start of the name (a hash or a run id)
   * @param suffix the end of the name, such as {@code .pdf}
   * @return the location to record in the row
   */
  static String newLocation(String kind, String stem, String suffix) {
    return kind + "/" + stem + "-" + UUID.randomUUID() + suffix;
  }

  /** Writes a file durably and atomically at a location from {@link #newLocation}. */
  void write(String location, InputStream in) throws IOException {
    DurableFiles.write(resolve(location), in);
  }

  /** Removes a file this store just wrote and will not name after all. */
  void delete(String location) throws IOException {
    Files.deleteIfExists(resolve(location));
  }

  /**
   * Opens a file a row names.
   *
   * @throws UncheckedIOException wrapping {@link NoSuchFileException} when it is gone
   */
  InputStream open(String location) {
    try {
      return Files.newInputStream(resolve(location));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a whole file a row names (artifacts, which the API hands out as bytes anyway). */
  byte[] read(String location) throws IOException {
    return Files.readAllBytes(resolve(location));
  }

  private Path resolve(String location) {
    if (!LOCATION.matcher(location).matches()) {
      throw new IllegalStateException("a row names an invalid location: " + location);
    }
    return root.resolve(location);
  }

  /**
   * Removes the files no row names, and temp files of writes that never finished, once older than
   * the grace period.
   *
   * @param referenced tells which locations of a batch no row names
   * @param now the time the grace is counted back from
   * @return how many files were removed
   */
  int sweep(ReferenceCheck referenced, Instant now) throws IOException {
    int removed = 0;
    Instant cutoff = now.minus(SWEEP_GRACE);
    for (String kind : List.of("sources", "artifacts")) {
      List<String> old = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve(kind))) {
        for (Path file : files) {
          if (!Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
            continue;
          }
          String name = file.getFileName().toString();
          if (name.startsWith(".tmp-")) {
            removed += Files.deleteIfExists(file) ? 1 : 0;
          } else {
            old.add(kind + "/" + name);
          }
        }
      }
      for (int i = 0; i < old.size(); i += SWEEP_BATCH) {
        List<String> batch = old.subList(i, Math.min(old.size(), i + SWEEP_BATCH));
        for (String location : referenced.unreferenced(batch)) {
          removed += Files.deleteIfExists(root.resolve(location)) ? 1 : 0;
        }
      }
    }
    return removed;
  }

  /** Which locations of a batch no row names. */
  interface ReferenceCheck {
    List<String> unreferenced(List<String> locations);
  }

  private StoreUnavailableException unavailable(String what, IOException e) {
    return new StoreUnavailableException(
        what + ": " + root + ": " + e, Map.of("shared_folder", root.toString(), "reason", "io"), e);
  }
}
