package org.convertalot.backend.pdfbox;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.util.Version;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PDFBox engine: checks the input, opens it with scratch files instead of heap buffers,
 * extracts the text page by page (reporting progress and honouring cancellation between pages) and
 * lays it out as Markdown. Stateless between conversions, so one instance serves any number of
 * threads.
 */
final class PdfBoxEngine implements ConversionBackend {

  static final String ID = "pdfbox";

  /** This engine's own version; the PDFBox version is appended at run time. */
  static final String ENGINE_VERSION = "0.1.0";

  static final String PHASE_PARSE = "parse";
  static final String PHASE_LAYOUT = "layout";

  private final Logger log = LoggerFactory.getLogger(PdfBoxEngine.class);

  /** Read lazily: looking up the PDFBox version reads a resource, which is not class-load work. */
  private volatile String version;

  PdfBoxEngine() {}

  @Override
  public String id() {
    return ID;
  }

  /** {@code 0.1.0+pdfbox-3.0.8}: this engine's version and the PDFBox it runs on. */
  @Override
  public String version() {
    String known = version;
    if (known == null) {
      known = ENGINE_VERSION + "+pdfbox-" + pdfBoxVersion();
      version = known;
    }
    return known;
  }

  private static String pdfBoxVersion() {
    String pdfBox = Version.getVersion();
    return pdfBox == null || pdfBox.isBlank() ? "unknown" : pdfBox;
  }

  @Override
  public BackendCapabilities capabilities() {
    return new BackendCapabilities(
        Set.of(Acceleration.CPU),
        Set.of(BackendCapabilities.PDF),
        Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /** Available wherever PDFBox is on the class or module path; it needs nothing else. */
  @Override
  public ProbeResult probe() {
    try {
      return ProbeResult.cpuAvailable("pdfbox " + version());
    } catch (LinkageError e) {
      return ProbeResult.unavailable(
          Acceleration.CPU,
          ProbeCause.BACKEND_UNAVAILABLE,
          "Apache PDFBox cannot be loaded ("
              + e
              + "): put org.apache.pdfbox:pdfbox:3.0.8 and its dependencies on the class path");
    }
  }

  @Override
  public BackendOutput convert(BackendInput input, BackendContext context) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(context, "context");
    long started = System.nanoTime();
    Path path = input.path();
    InputChecks.check(path, input.limits());
    context.checkCanceled();

    context.phase(PHASE_PARSE);
    PDDocument document = null;
    try {
      document = open(path, context.tempDir());
      int maxPages = input.limits().maxPages();
      int pageCount = document.getNumberOfPages();
      checkPageCount(pageCount, maxPages);
      context.checkCanceled();

      context.phase(PHASE_LAYOUT);
      DocumentText text =
          LayoutCollector.collect(
              document,
              pagesDone -> {
                // A damaged page tree can hold more pages than its /Count says.
                if (pagesDone > maxPages) {
                  checkPageCount(pagesDone, maxPages);
                }
                context.progress(Math.min(pagesDone, pageCount), pageCount);
                context.checkCanceled();
              });
      String markdown = MarkdownAssembler.assemble(text, InlineMarkup.fromOptions(input.options()));
      int pages = text.pages().size();
      if (log.isDebugEnabled()) {
        log.debug(
            "converted {} pages of {} in {} ms",
            pages,
            input.source().name(),
            (System.nanoTime() - started) / 1_000_000);
      }
      return new BackendOutput(markdown, pages, Acceleration.CPU);
    } catch (ConversionException e) {
      throw e;
    } catch (IOException e) {
      throw extractionFailure(e);
    } catch (OutOfMemoryError e) {
      throw new BackendFailedException(
          "out of memory converting the PDF; give the JVM more heap or lower the concurrency",
          Map.of("reason", "out_of_memory"),
          true,
          null,
          0,
          e);
    } catch (StackOverflowError e) {
      // Deeply nested content; a retry would overflow again.
      throw new BackendFailedException(
          "PDFBox ran out of stack on deeply nested PDF content",
          Map.of("reason", "stack_overflow"),
          false,
          null,
          0,
          e);
    } catch (RuntimeException e) {
      throw new BackendFailedException(
          "PDFBox failed while extracting text: " + e,
          Map.of("reason", "engine_error", "exception", e.getClass().getName()),
          true,
          null,
          0,
          e);
    } finally {
      closeQuietly(document);
    }
  }

  /**
   * Opens the document with the empty password; owner-password-only PDFs open this way and are
   * converted, PDFs that need a user password are rejected as {@code encrypted}.
   */
  private static PDDocument open(Path path, Path tempDir) {
    try {
      return Loader.loadPDF(path.toFile(), "", scratchFiles(tempDir));
    } catch (InvalidPasswordException e) {
      throw new InvalidInputException(
          InvalidInputReason.ENCRYPTED,
          "the PDF is encrypted and needs a password to open",
          Map.of(),
          e);
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
    } catch (RuntimeException e) {
      // PDFBox's parser throws unchecked exceptions on some malformed structures.
      throw corrupt(e);
    }
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

  private static void checkPageCount(int pageCount, int maxPages) {
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
  private static ConversionException extractionFailure(IOException e) {
    if (isEnvironmentFailure(e)) {
      return scratchFailure(e);
    }
    return corrupt(e);
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

  private void closeQuietly(PDDocument document) {
    if (document == null) {
      return;
    }
    try {
      document.close();
    } catch (IOException | RuntimeException e) {
      // The text is already extracted; a failure to release scratch files must not lose it.
      log.warn("could not close a PDF document cleanly: {}", e.toString());
    }
  }
}
