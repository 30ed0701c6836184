package org.convertalot.backend.pdfbox.internal.engine;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;

/**
 * Opens a PDF with PDFBox and tells what a failure means: the input's fault ({@code encrypted},
 * {@code corrupt}, {@code too_many_pages}) or the environment's (a full disk, a missing scratch
 * directory), which a retry may fix.
 */
final class DocumentOpener {

  private DocumentOpener() {}

  /**
   * Opens the document with the empty password, then with each of {@code passwords} in order;
   * owner-password-only PDFs open with the empty one, PDFs that need a user password none of them
   * opens are rejected as {@code encrypted}. No password ever appears in an error.
   *
   * @param path the PDF
   * @param tempDir where scratch files go, or null for PDFBox's default
   * @param passwords the passwords to try after the empty one
   */
  static PDDocument open(Path path, Path tempDir, List<String> passwords) {
    List<String> tried = new ArrayList<>();
    tried.add("");
    tried.addAll(passwords);
    try {
      for (int i = 0; ; i++) {
        try {
          return Loader.loadPDF(path.toFile(), tried.get(i), scratchFiles(tempDir));
        } catch (InvalidPasswordException e) {
          if (i + 1 < tried.size()) {
            continue;
          }
          throw new InvalidInputException(
              InvalidInputReason.ENCRYPTED,
              passwords.isEmpty()
                  ? "the PDF is encrypted and needs a password to open"
                  : "the PDF is encrypted and none of the "
                      + passwords.size()
                      + " passwords given opens it",
              Map.of("passwords_tried", Integer.toString(passwords.size())),
              e);
        }
      }
    } catch (IOException e) {
      if (isEnvironmentFailure(e)) {
        throw scratchFailure(e);
      }
      if (mentionsEncryption(e)) {
        throw new InvalidInputException(
            InvalidInputReason.ENCRYPTED,
            "the PDF is encrypted in a way that cannot be opened: " + e.getMessage(),
            Map.of(),
            e);
      }
      throw corrupt(e);
    } catch (InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      // PDFBox's parser throws unchecked exceptions on some malformed structures.
      throw corrupt(e);
    }
  }

  /** Rejects a document with more pages than the limit, or none. */
  static void checkPageCount(int pageCount, int maxPages) {
    if (pageCount > maxPages) {
      throw new InvalidInputException(
          InvalidInputReason.TOO_MANY_PAGES,
          "the PDF has " + pageCount + " pages, more than the limit of " + maxPages,
          Map.of("pages", Integer.toString(pageCount), "max_pages", Integer.toString(maxPages)),
          null);
    }
    if (pageCount == 0) {
      throw new InvalidInputException(InvalidInputReason.CORRUPT, "the PDF has no pages");
    }
  }

  /** An I/O failure while reading pages: damaged content, unless the disk itself failed. */
  static ConversionException readFailure(IOException e) {
    if (isEnvironmentFailure(e)) {
      return scratchFailure(e);
    }
    return corrupt(e);
  }

  private static InvalidInputException corrupt(Exception e) {
    return new InvalidInputException(
        InvalidInputReason.CORRUPT,
        "the PDF is damaged and cannot be parsed: " + e.getMessage(),
        Map.of("parser_error", e.getClass().getSimpleName()),
        e);
  }

  /**
   * Scratch files for decoded streams go to the attempt's private temp dir, so they are removed
   * with it even if the JVM dies; PDFBox's default temp dir is the fallback.
   */
  private static StreamCacheCreateFunction scratchFiles(Path tempDir) {
    if (tempDir != null && Files.isDirectory(tempDir)) {
      return MemoryUsageSetting.setupTempFileOnly().setTempDir(tempDir.toFile()).streamCache;
    }
    return IOUtils.createTempFileOnlyStreamCache();
  }

  private static BackendFailedException scratchFailure(IOException e) {
    return new BackendFailedException(
        "I/O failure on the input or scratch files: " + e.getMessage(),
        Map.of("reason", "io_error"),
        true,
        null,
        0,
        e);
  }

  /** File system errors (disk full, permissions, missing scratch dir) are not the PDF's fault. */
  private static boolean isEnvironmentFailure(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (t instanceof FileSystemException
          || (message != null
              && (message.contains("No space left on device")
                  || message.contains("Scratch file directory")))) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentionsEncryption(IOException e) {
    String message = e.getMessage();
    if (message == null) {
      return false;
    }
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("security handler") || lower.contains("decrypt");
  }
}
