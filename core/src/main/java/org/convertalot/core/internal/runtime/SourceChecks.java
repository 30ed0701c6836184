package org.convertalot.core.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Map;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;
import org.convertalot.core.store.spi.Hashing;

/**
 * The checks of contract section 10 that need no parser, run once by the runtime before any engine
 * sees the input: the source exists, is not empty, is within the byte limit, starts like a PDF and
 * is still the file that was submitted. The header and the hash come from one read of the file.
 * Engines keep only the checks that need their parser (encrypted, corrupt, too many pages).
 */
final class SourceChecks {
  /** How far into the file the {@code %PDF-} header may start; Acrobat accepts the same. */
  static final int HEADER_WINDOW_BYTES = 1024;

  private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

  private SourceChecks() {}

  /**
   * Checks the source of a claimed job.
   *
   * @return the file to convert
   * @throws InvalidInputException reason {@code corrupt} (gone or changed since submit), {@code
   *     empty}, {@code too_large} or {@code not_a_pdf}
   * @throws BackendFailedException when it cannot be read (an environment problem)
   */
  static Path check(JobSnapshot job) {
    Path source = Path.of(job.source().path());
    if (!Files.isRegularFile(source)) {
      throw gone(source);
    }
    long size = job.source().size();
    if (size == 0) {
      throw new InvalidInputException(InvalidInputReason.EMPTY, "source file is empty: " + source);
    }
    long max = job.limits().maxBytes();
    if (size > max) {
      throw new InvalidInputException(
          InvalidInputReason.TOO_LARGE,
          "source is " + size + " bytes, over the limit of " + max,
          Map.of("size_bytes", Long.toString(size), "max_bytes", Long.toString(max)),
          null);
    }
    MessageDigest md = Hashing.sha256();
    byte[] head = new byte[HEADER_WINDOW_BYTES];
    int headLength;
    try (InputStream in = new DigestInputStream(Files.newInputStream(source), md)) {
      headLength = in.readNBytes(head, 0, head.length);
      in.transferTo(OutputStream.nullOutputStream());
    } catch (NoSuchFileException e) {
      // Removed between the check above and the read.
      throw gone(source);
    } catch (AccessDeniedException e) {
      throw unreadable(source, false, e);
    } catch (IOException e) {
      // A read error on a file that exists may be transient (network file system, busy disk).
      throw unreadable(source, true, e);
    }
    if (!Hashing.hex(md.digest()).equals(job.source().sha256())) {
      throw new InvalidInputException(
          InvalidInputReason.CORRUPT,
          "source changed since it was submitted: " + source,
          Map.of("detail", "source_changed"),
          null);
    }
    if (indexOf(head, headLength, PDF_HEADER) < 0) {
      throw new InvalidInputException(
          InvalidInputReason.NOT_A_PDF,
          "not a PDF: no '%PDF-' header in the first " + HEADER_WINDOW_BYTES + " bytes");
    }
    return source;
  }

  private static InvalidInputException gone(Path source) {
    return new InvalidInputException(
        InvalidInputReason.CORRUPT,
        "source file is gone: " + source,
        Map.of("detail", "source_missing"),
        null);
  }

  private static BackendFailedException unreadable(
      Path source, boolean retryable, IOException cause) {
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
