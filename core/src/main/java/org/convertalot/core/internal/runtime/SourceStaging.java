package org.convertalot.core.internal.runtime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.SourceRef;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;
import org.convertalot.api.error.StoreUnavailableException;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.SubmitResult;
import org.convertalot.core.store.spi.DurableFiles;
import org.convertalot.core.store.spi.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder where requests given as bytes or a stream are copied at submit, so that the job can
 * read its source like any file until it ends. Each submit writes its own copy ({@code
 * source-<random>.pdf}, durably, hashed in the same pass); a submit that finds an existing job
 * deletes its copy at once, and a job's copy is deleted when the runtime sees the job end. Copies
 * left by a process that died are deleted by the next runtime that opens on the folder, once no
 * unfinished job names them and they are older than {@link #ORPHAN_AGE} (younger ones may belong to
 * a submit in progress in another process).
 */
final class SourceStaging {
  private static final Logger LOG = LoggerFactory.getLogger(SourceStaging.class);
  static final String PREFIX = "source-";
  static final Duration ORPHAN_AGE = Duration.ofHours(1);

  private final Path folder;

  SourceStaging(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
  }

  Path folder() {
    return folder;
  }

  /** Describes the request's source, copying content into the folder first. */
  SourceRef describe(ConversionRequest request) {
    if (request.content() == null) {
      return SourceChecks.describe(request.source());
    }
    ConversionRequest.Content content = request.content();
    long max = request.limits().maxBytes();
    Path target = folder.resolve(PREFIX + UUID.randomUUID() + ".pdf");
    MessageDigest md = Hashing.sha256();
    try {
      Files.createDirectories(folder);
      InputStream in = content.open();
      long written = DurableFiles.write(target, new DigestInputStream(bounded(in, max), md));
      if (written > max) {
        deleteQuietly(target);
        throw new InvalidInputException(
            InvalidInputReason.TOO_LARGE,
            "source '" + content.name() + "' is larger than the limit of " + max + " bytes");
      }
      return new SourceRef(target.toString(), content.name(), Hashing.hex(md.digest()), written);
    } catch (IOException e) {
      deleteQuietly(target);
      throw new StoreUnavailableException(
          "cannot copy source '" + content.name() + "' into " + folder + ": " + e,
          Map.of("path", folder.toString()),
          e);
    }
  }

  /**
   * Submits the job; when no new job takes the source (refused, or an existing job returned) its
   * copy is deleted at once.
   */
  SubmitResult submit(JobStore store, NewJob job) {
    SubmitResult submitted;
    try {
      submitted = store.submit(job);
    } catch (RuntimeException | Error e) {
      discard(job.source());
      throw e;
    }
    if (!submitted.created()) {
      discard(job.source());
    }
    return submitted;
  }

  /** Whether a source path is a copy this folder holds. */
  boolean holds(String path) {
    Path p = Path.of(path);
    return folder.equals(p.getParent()) && p.getFileName().toString().startsWith(PREFIX);
  }

  /** Deletes the copy behind a source no job will read (a refused or duplicate submit). */
  void discard(SourceRef source) {
    if (holds(source.path())) {
      deleteQuietly(Path.of(source.path()));
    }
  }

  /** Deletes the copy an ended job read, if it had one. */
  void jobEnded(JobSnapshot job) {
    if (job.state().isTerminal()) {
      discard(job.source());
    }
  }

  /** Deletes copies that no unfinished job names and that are older than {@link #ORPHAN_AGE}. */
  void sweep(JobStore store, Instant now) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    Set<Path> candidates = new HashSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if ((name.startsWith(PREFIX) || name.startsWith(".tmp-"))
            && Files.getLastModifiedTime(f).toInstant().isBefore(now.minus(ORPHAN_AGE))) {
          candidates.add(f);
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot read the sources folder {}: {}", folder, e.toString());
      return;
    }
    if (candidates.isEmpty()) {
      return;
    }
    for (JobState state : new JobState[] {JobState.QUEUED, JobState.RUNNING}) {
      long after = 0;
      while (true) {
        JobPage page = store.list(new PageRequest(after, PageRequest.MAX_LIMIT, state, false));
        page.jobs().forEach(j -> candidates.remove(Path.of(j.source().path())));
        OptionalLong next = page.nextCursor();
        if (next.isEmpty()) {
          break;
        }
        after = next.getAsLong();
      }
    }
    candidates.forEach(SourceStaging::deleteQuietly);
    LOG.info("deleted {} source copies no unfinished job needs from {}", candidates.size(), folder);
  }

  /** At most {@code max + 1} bytes of {@code in}: enough to tell that it is over the limit. */
  private static InputStream bounded(InputStream in, long max) {
    return new FilterInputStream(in) {
      private long left = max + 1;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        int b = super.read();
        if (b >= 0) {
          left--;
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n > 0) {
          left -= n;
        }
        return n;
      }

      @Override
      public void close() {
        // The caller's stream is theirs to close.
      }
    };
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.debug("could not delete {}", p, e);
    }
  }
}
