package org.convertalot.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.convertalot.api.JobId;
import org.convertalot.core.store.spi.Hashing;

/**
 * What each {@code Idempotency-Key} named, per API key, for {@link #WINDOW}: a retried submit with
 * the same key gets the job the first one made (even a failed one) instead of a new one. Kept as
 * one small file per key (named by a digest, never by the key itself) so that a restart keeps them.
 */
final class IdempotencyKeys {

  /** How long a key names its job; a key older than this is free again. */
  static final Duration WINDOW = Duration.ofHours(24);

  /** The header, as the IETF draft on idempotency keys names it. */
  static final String HEADER = "Idempotency-Key";

  /** Visible ASCII and blanks, as the draft's string values allow, at most 255 of them. */
  private static final Pattern VALID = Pattern.compile("[\\x20-\\x7e]{1,255}");

  private final Path folder;
  private final Clock clock;

  IdempotencyKeys(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  /** Checks a presented key; throws {@code invalid_request} for one the draft does not allow. */
  static String check(String key) {
    if (key == null) {
      return null;
    }
    if (!VALID.matcher(key).matches() || key.isBlank()) {
      throw ApiHandler.invalid(
          HEADER + " is 1 to 255 visible ASCII characters",
          Map.of("header", HEADER, "length", Integer.toString(key.length())));
    }
    return key;
  }

  /** The job {@code key} names for the client known as {@code scope}, while it is in its window. */
  Optional<JobId> find(String scope, String key) {
    Path file = fileOf(scope, key);
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() == 2 && JobId.isValid(lines.get(0)) && !expired(lines.get(1))) {
        return Optional.of(JobId.of(lines.get(0)));
      }
      // Expired, or cut short when a process died writing it: the key is free again.
      Files.deleteIfExists(file);
      return Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read an idempotency key", e);
    }
  }

  /**
   * Records that {@code key} names {@code job}; a key another request recorded first keeps its job.
   */
  void remember(String scope, String key, JobId job) {
    Path file = fileOf(scope, key);
    try {
      Files.createDirectories(folder);
      Path temp = Files.createTempFile(folder, "key-", ".tmp");
      Files.writeString(temp, job.value() + "\n" + Instant.now(clock).toEpochMilli() + "\n");
      try {
        // A link is created only where nothing exists: the first of two racing requests wins.
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException e) {
        // The earlier request's record stands.
      } catch (UnsupportedOperationException e) {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        return;
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record an idempotency key", e);
    }
  }

  /** Frees a key whose job is gone (purged): the next submit with it makes a new job. */
  void forget(String scope, String key) {
    try {
      Files.deleteIfExists(fileOf(scope, key));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot free an idempotency key", e);
    }
  }

  /** Deletes the records whose window has passed. */
  void sweep() {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() != 2 || expired(lines.get(1))) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sweep the idempotency keys in " + folder, e);
    }
  }

  private boolean expired(String createdMillis) {
    try {
      Instant created = Instant.ofEpochMilli(Long.parseLong(createdMillis));
      return !created.plus(WINDOW).isAfter(Instant.now(clock));
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private Path fileOf(String scope, String key) {
    byte[] named = (scope + "\n" + key).getBytes(StandardCharsets.UTF_8);
    return folder.resolve(Hashing.sha256Hex(named));
  }
}
