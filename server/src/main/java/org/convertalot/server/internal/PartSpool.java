package org.convertalot.server.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder Jetty's multipart parser spools large parts into (the uploads folder). A request's
 * parts are deleted when it ends ({@link Submission#close()}, or the parser's own failure); only a
 * process that dies mid-request leaves some, which the next start deletes.
 */
final class PartSpool {
  private static final Logger LOG = LoggerFactory.getLogger(PartSpool.class);

  /** How Jetty names the files it spools ({@code MultiPart<random>}). */
  static final String PREFIX = "MultiPart";

  /**
   * How old a spooled part must be before a start deletes it: younger, it may be a request another
   * server sharing the folder is still receiving.
   */
  static final Duration ORPHAN_AGE = Duration.ofHours(1);

  private final Path folder;
  private final Clock clock;

  PartSpool(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  Path folder() {
    return folder;
  }

  /** Deletes spooled parts older than {@link #ORPHAN_AGE}: no request in progress holds them. */
  void sweep() {
    Instant before = Instant.now(clock).minus(ORPHAN_AGE);
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, PREFIX + "*")) {
      for (Path file : files) {
        if (Files.isRegularFile(file)
            && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
          deleted += Files.deleteIfExists(file) ? 1 : 0;
        }
      }
    } catch (IOException e) {
      // They only take space; the next start tries again.
      LOG.warn("cannot clear old multipart parts from {}: {}", folder, e.toString());
    }
    if (deleted > 0) {
      LOG.info("deleted {} multipart parts left by a server that stopped mid-request", deleted);
    }
  }
}
