package org.convertalot.core.internal.filestore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.convertalot.api.QuarantinedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root's {@code quarantine/} folder: files the store cannot read or explain are moved here with
 * a {@code .reason} file beside them, never deleted and never allowed to stop other jobs.
 *
 * <p>Guarantees: a move is one atomic rename within the root, so a file is either in place or in
 * quarantine; the reason file is written before the move, so every quarantined file has one (a
 * reason file without its file is ignored by the listing).
 */
final class Quarantine {
  private static final Logger LOG = LoggerFactory.getLogger(FileJobStore.class);
  private static final String REASON_SUFFIX = ".reason";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

  private final DataRoot layout;
  private final Path folder;
  private final Clock clock;
  private final AtomicLong counter = new AtomicLong();

  Quarantine(DataRoot layout, Clock clock) {
    this.layout = layout;
    this.folder = layout.root().resolve("quarantine");
    this.clock = clock;
  }

  /**
   * Moves a file or folder of the root into quarantine with its reason. A file already gone (moved
   * by another process) is not an error.
   *
   * @return whether this call moved it
   */
  boolean isolate(Path file, String reason) throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    Files.createDirectories(folder);
    Instant at = clock.instant();
    String original = layout.relative(file);
    String name =
        STAMP.format(at)
            + "-"
            + ProcessHandle.current().pid()
            + "-"
            + counter.incrementAndGet()
            + "-"
            + original.replace('/', '~').replace('\\', '~');
    Path target = folder.resolve(name);
    String text =
        "original: " + original + "\nreason: " + oneLine(reason) + "\nat: " + at.toString() + "\n";
    AtomicFiles.write(
        folder.resolve(name + REASON_SUFFIX),
        layout.tempFile(),
        text.getBytes(StandardCharsets.UTF_8),
        true);
    try {
      AtomicFiles.move(file, target, true);
    } catch (NoSuchFileException gone) {
      Files.deleteIfExists(folder.resolve(name + REASON_SUFFIX));
      return false;
    }
    LOG.warn("quarantined {} as {}: {}", original, layout.relative(target), reason);
    return true;
  }

  /** Every quarantined file with its reason, oldest first. */
  List<QuarantinedFile> list() throws IOException {
    List<QuarantinedFile> out = new ArrayList<>();
    for (Path entry : DataRoot.sortedNames(folder)) {
      String name = entry.getFileName().toString();
      if (name.endsWith(REASON_SUFFIX)) {
        continue;
      }
      Path reasonFile = folder.resolve(name + REASON_SUFFIX);
      String original = "?";
      String reason = "no reason recorded";
      Instant at = Instant.EPOCH;
      if (Files.exists(reasonFile)) {
        for (String line : Files.readAllLines(reasonFile, StandardCharsets.UTF_8)) {
          if (line.startsWith("original: ")) {
            original = line.substring("original: ".length());
          } else if (line.startsWith("reason: ")) {
            reason = line.substring("reason: ".length());
          } else if (line.startsWith("at: ")) {
            at = parseInstant(line.substring("at: ".length()));
          }
        }
      }
      out.add(new QuarantinedFile(layout.relative(entry), original, reason, at));
    }
    return out;
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private static String oneLine(String reason) {
    return reason.replace('\n', ' ').replace('\r', ' ');
  }
}
