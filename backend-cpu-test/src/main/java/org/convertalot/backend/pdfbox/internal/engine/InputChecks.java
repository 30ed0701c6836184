package org.convertalot.backend.pdfbox.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import org.convertalot.api.Limits;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;

/**
 * The checks every input passes before PDFBox sees it: the file exists, is not empty, is within the
 * byte limit and starts like a PDF. They are cheap (one stat and one 1 KiB read) so that bad inputs
 * fail fast with a precise reason instead of a parser error.
 */
final class InputChecks {

  /** How far into the file the {@code %PDF-} header may start; Acrobat accepts the same. */
  static final int HEADER_WINDOW_BYTES = 1024;

  private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

  private InputChecks() {}

  /**
   * Checks the file before any parsing.
   *
   * @param path the input file
   * @param limits the request's limits
   * @throws InvalidInputException with reason {@code empty}, {@code too_large} or {@code not_a_pdf}
   * @throws BackendFailedException when the file is missing or cannot be read (an environment
   *     problem, not a property of the input)
   */
  static void check(Path path, Limits limits) {
    BasicFileAttributes attributes = readAttributes(path);
    if (!attributes.isRegularFile()) {
      throw sourceProblem("not a regular file: " + path, "source_not_a_file", null);
    }
    long size = attributes.size();
    if (size == 0) {
      throw new InvalidInputException(InvalidInputReason.EMPTY, "the file is empty (0 bytes)");
    }
    if (size > limits.maxBytes()) {
      throw new InvalidInputException(
          InvalidInputReason.TOO_LARGE,
          "the file has " + size + " bytes, more than the limit of " + limits.maxBytes(),
          Map.of("size_bytes", Long.toString(size), "max_bytes", Long.toString(limits.maxBytes())),
          null);
    }
    if (!startsLikePdf(path)) {
      throw new InvalidInputException(
          InvalidInputReason.NOT_A_PDF,
          "not a PDF: no '%PDF-' header in the first " + HEADER_WINDOW_BYTES + " bytes");
    }
  }

  private static BasicFileAttributes readAttributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw sourceProblem("the input file does not exist: " + path, "source_missing", e);
    } catch (IOException e) {
      throw sourceProblem("cannot read the input file: " + path, "source_unreadable", e);
    }
  }

  private static boolean startsLikePdf(Path path) {
    byte[] head = new byte[HEADER_WINDOW_BYTES];
    int length;
    try (InputStream in = Files.newInputStream(path)) {
      length = in.readNBytes(head, 0, head.length);
    } catch (NoSuchFileException e) {
      throw sourceProblem("the input file does not exist: " + path, "source_missing", e);
    } catch (AccessDeniedException e) {
      throw sourceProblem("cannot read the input file: " + path, "source_unreadable", e);
    } catch (IOException e) {
      // A read error on a file that exists may be transient (network file system, busy disk).
      throw new BackendFailedException(
          "cannot read the input file: " + path,
          Map.of("reason", "source_unreadable"),
          true,
          null,
          0,
          e);
    }
    return indexOf(head, length, PDF_HEADER) >= 0;
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

  /** A missing or unreadable source is an environment problem that a retry does not fix. */
  private static BackendFailedException sourceProblem(
      String message, String reason, Throwable cause) {
    return new BackendFailedException(message, Map.of("reason", reason), false, null, 0, cause);
  }
}
