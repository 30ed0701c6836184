package org.convertalot.core.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.SourceRef;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.spi.Hashing;

/**
 * The checks of contract section 10 that need no parser, run once by the runtime before any engine
 * sees the input: the source exists, is not empty, is within the byte limit, starts like a PDF and
 * is still the file that was submitted. The header, the hash and a private copy come from one read
 * of the file, and the engine converts the copy: a source renamed over or rewritten in place while
 * the run converts cannot change what is converted, so the artifact is always of the bytes whose
 * hash the job records. Engines keep only the checks that need their parser (encrypted, corrupt,
 * too many pages).
 */
final class SourceChecks {
  /** How far into the file the {@code %PDF-} header may start; Acrobat accepts the same. */
  static final int HEADER_WINDOW_BYTES = 1024;

  private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

  private SourceChecks() {}

  /**
   * What a submit records of its source: path, name, SHA-256 and size, from one read.
   *
   * @throws InvalidRequestException when it is not a readable file
   */
  static SourceRef describe(Path source) {
    if (!Files.isRegularFile(source)) {
      throw new InvalidRequestException("source file not found: " + source);
    }
    try {
      Hashing.FileHash hash = Hashing.hashFile(source);
      return new SourceRef(
          source.toString(), source.getFileName().toString(), hash.sha256(), hash.size());
    } catch (IOException e) {
      throw new InvalidRequestException("cannot read source file " + source + ": " + e);
    }
  }

  /**
   * Checks the source of a claimed job and copies it, in the same read, into the run's own folder.
   *
   * @param job the claimed job
   * @param runDir the run's private folder, removed when the run ends
   * @return the private copy to convert
   * @throws InvalidInputException reason {@code corrupt} (gone, or changed since submit: {@code
   *     source_changed}), {@code empty}, {@code too_large} or {@code not_a_pdf}
   * @throws BackendFailedException when it cannot be read or copied (an environment problem)
   */
  static Path check(JobSnapshot job, Path runDir, JobStore store) {
    String source = job.source().path();
    long size = job.source().size();
    if (size == 0) {
      throw new InvalidInputException(InvalidInputReason.EMPTY, "source file is empty: " + source);
    }
    long max = job.limits().maxBytes();
    if (size > max) {
      throw tooLarge(size, max);
    }
    Path copy = runDir.resolve("source").resolve(copyName(job));
    MessageDigest md = Hashing.sha256();
    byte[] head = new byte[HEADER_WINDOW_BYTES];
    int headLength = 0;
    long copied = 0;
    try {
      Files.createDirectories(copy.getParent());
    } catch (IOException e) {
      throw copyFailed(copy, e);
    }
    try (InputStream in = open(store, job);
        OutputStream out = Files.newOutputStream(copy)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = read(in, buffer, source)) > 0) {
        if (headLength < head.length) {
          int take = Math.min(n, head.length - headLength);
          System.arraycopy(buffer, 0, head, headLength, take);
          headLength += take;
        }
        md.update(buffer, 0, n);
        copied += n;
        if (copied > max) {
          // Grown past the limit since submit: it changed, and it must not fill the disk.
          throw changed(source);
        }
        write(out, buffer, n, copy);
      }
    } catch (IOException e) {
      throw copyFailed(copy, e);
    }
    if (copied != size || !Hashing.hex(md.digest()).equals(job.source().sha256())) {
      throw changed(source);
    }
    if (indexOf(head, headLength, PDF_HEADER) < 0) {
      throw new InvalidInputException(
          InvalidInputReason.NOT_A_PDF,
          "not a PDF: no '%PDF-' header in the first " + HEADER_WINDOW_BYTES + " bytes");
    }
    return copy;
  }

  /**
   * The copy keeps the source's file name (engines may show it), or the job's id when the name
   * could leave the run's folder.
   */
  private static String copyName(JobSnapshot job) {
    String name = job.source().name();
    boolean plain =
        !name.isBlank()
            && !name.equals(".")
            && !name.equals("..")
            && name.indexOf('/') < 0
            && name.indexOf('\\') < 0
            && name.indexOf('\0') < 0;
    return plain ? name : job.id().value() + ".pdf";
  }

  private static InputStream open(JobStore store, JobSnapshot job) {
    String source = job.source().path();
    try {
      return store.openSource(job);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        // Gone, or removed between a check and the read.
        throw gone(source);
      }
      if (e.getCause() instanceof AccessDeniedException) {
        throw unreadable(source, false, e.getCause());
      }
      throw unreadable(source, true, e.getCause());
    }
  }

  private static int read(InputStream in, byte[] buffer, String source) {
    try {
      return in.read(buffer);
    } catch (AccessDeniedException e) {
      throw unreadable(source, false, e);
    } catch (IOException e) {
      // A read error on a file that exists may be transient (network file system, busy disk).
      throw unreadable(source, true, e);
    }
  }

  private static void write(OutputStream out, byte[] buffer, int n, Path copy) {
    try {
      out.write(buffer, 0, n);
    } catch (IOException e) {
      throw copyFailed(copy, e);
    }
  }

  private static InvalidInputException tooLarge(long size, long max) {
    return new InvalidInputException(
        InvalidInputReason.TOO_LARGE,
        "source is " + size + " bytes, over the limit of " + max,
        Map.of("size_bytes", Long.toString(size), "max_bytes", Long.toString(max)),
        null);
  }

  private static InvalidInputException changed(String source) {
    return new InvalidInputException(
        InvalidInputReason.CORRUPT,
        "source changed since it was submitted: " + source,
        Map.of("detail", "source_changed"),
        null);
  }

  private static BackendFailedException copyFailed(Path copy, IOException cause) {
    // The run's own folder could not take the copy (a full or read-only temp disk): retry later.
    return new BackendFailedException(
        "cannot copy the source into the run's folder: " + copy,
        Map.of("reason", "run_folder_unwritable"),
        true,
        null,
        0,
        cause);
  }

  private static InvalidInputException gone(String source) {
    return new InvalidInputException(
        InvalidInputReason.CORRUPT,
        "source file is gone: " + source,
        Map.of("detail", "source_missing"),
        null);
  }

  private static BackendFailedException unreadable(
      String source, boolean retryable, IOException cause) {
    return new BackendFailedException(
        "cannot read the source file: " + source,
        Map.of("reason", "source_unreadable"),
        retryable,
        null,
        0,
        cause);
  }

  /** The first index of {@code needle} in {@code haystack[0, length)}, or -1. */
  static int indexOf(byte[] haystack, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
