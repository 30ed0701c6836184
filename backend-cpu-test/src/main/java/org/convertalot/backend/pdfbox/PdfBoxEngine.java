package org.convertalot.backend.pdfbox;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;
import org.convertalot.backend.pdfbox.ocr.TextRecognizer;
import org.convertalot.backend.pdfbox.ocr.TextRecognizerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PDFBox engine: checks the input, opens it with scratch files instead of heap buffers,
 * extracts the text page by page (reporting progress and honouring cancellation between pages) and
 * lays it out as Markdown. Where a {@link TextRecognizerProvider} is on the class or module path,
 * text that the text layer lacks (scanned pages, text drawn as outlines, tables pasted as images)
 * is recognized too; see {@link PageRecognition}. Stateless between conversions, so one instance
 * serves any number of threads.
 */
final class PdfBoxEngine implements ConversionBackend {

  static final String ID = "pdfbox";

  /** This engine's own version; the PDFBox version is appended at run time. */
  static final String ENGINE_VERSION = "0.1.0";

  static final String PHASE_PARSE = "parse";
  static final String PHASE_LAYOUT = "layout";

  /**
   * The CPU default: among discovered engines that can serve a job, this one wins over engines that
   * declare no priority.
   */
  static final int PRIORITY = 100;

  /**
   * 200 dpi: body text gets about 25 pixels of line height, which recognition reads as well as at
   * 300 dpi, in half the pixels.
   */
  static final int DEFAULT_OCR_DPI = 200;

  static final int MIN_OCR_DPI = 72;
  static final int MAX_OCR_DPI = 600;

  /** Engine option: {@code auto} (the default) recognizes text where needed, {@code off} never. */
  static final EngineOption OCR_OPTION =
      EngineOption.choice(
          "pdfbox.ocr",
          "recognize text the text layer lacks (auto, needs a recognizer) or never (off)",
          "auto",
          "auto",
          "off");

  /** Engine option: the resolution pages are rendered at for recognition, in dpi. */
  static final EngineOption OCR_DPI_OPTION =
      EngineOption.integer(
          "pdfbox.ocr.dpi",
          "the resolution pages are rendered at for recognition, in dpi",
          DEFAULT_OCR_DPI,
          MIN_OCR_DPI,
          MAX_OCR_DPI);

  private final Logger log = LoggerFactory.getLogger(PdfBoxEngine.class);

  /** Read lazily: looking up the PDFBox version reads a resource, which is not class-load work. */
  private volatile String version;

  /** The recognizer provider; looked up lazily, at most once. */
  private volatile Optional<TextRecognizerProvider> recognizerProvider;

  private final AtomicBoolean recognizerFailureLogged = new AtomicBoolean();

  /**
   * Recognizers left open by finished conversions, for the next ones: opening one loads its models,
   * which can cost more than recognizing a small image. At most one per processor is kept.
   */
  private final LinkedBlockingDeque<TextRecognizer> idleRecognizers =
      new LinkedBlockingDeque<>(Math.max(1, Runtime.getRuntime().availableProcessors()));

  private final AtomicBoolean closed = new AtomicBoolean();

  /** An engine that looks for a recognizer with {@link ServiceLoader} when it first needs one. */
  PdfBoxEngine() {}

  /** An engine with the given recognizer, or none when {@code provider} is empty. */
  PdfBoxEngine(Optional<TextRecognizerProvider> provider) {
    this.recognizerProvider = Objects.requireNonNull(provider, "provider");
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * {@code 0.1.0+pdfbox-3.0.8}: this engine's version and the PDFBox it runs on, plus the
   * recognizer's ({@code +tesseract-5.5.2}) when one is present, since it changes the output.
   */
  @Override
  public String version() {
    String known = version;
    if (known == null) {
      known = ENGINE_VERSION + "+pdfbox-" + pdfBoxVersion();
      Optional<TextRecognizerProvider> recognizer = recognizerProvider();
      if (recognizer.isPresent()) {
        known += "+" + recognizer.get().id() + "-" + recognizer.get().version();
      }
      version = known;
    }
    return known;
  }

  private Optional<TextRecognizerProvider> recognizerProvider() {
    Optional<TextRecognizerProvider> known = recognizerProvider;
    if (known == null) {
      known = discoverRecognizer();
      recognizerProvider = known;
    }
    return known;
  }

  /** The first recognizer provider by id; broken service entries are logged and skipped. */
  private Optional<TextRecognizerProvider> discoverRecognizer() {
    List<TextRecognizerProvider> found = new ArrayList<>();
    Iterator<TextRecognizerProvider> it =
        ServiceLoader.load(TextRecognizerProvider.class, PdfBoxEngine.class.getClassLoader())
            .iterator();
    for (int failures = 0; failures < 100; ) {
      try {
        if (!it.hasNext()) {
          break;
        }
        TextRecognizerProvider provider = it.next();
        provider.id();
        found.add(provider);
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        failures++;
        log.warn("skipping a text recognizer that cannot be loaded: {}", e.toString());
      }
    }
    found.sort(Comparator.comparing(TextRecognizerProvider::id));
    return found.stream().findFirst();
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
    boolean recognize = ocrEnabled(input.options()) && recognizerProvider().isPresent();
    int ocrDpi = ocrDpi(input.options());
    InputChecks.check(path, input.limits());
    context.throwIfStopped();

    context.phase(PHASE_PARSE);
    PDDocument document = null;
    Recognizers recognizers = recognize ? new Recognizers() : null;
    boolean succeeded = false;
    try {
      document = open(path, context.tempDir());
      int maxPages = input.limits().maxPages();
      int pageCount = document.getNumberOfPages();
      checkPageCount(pageCount, maxPages);
      context.throwIfStopped();

      context.phase(PHASE_LAYOUT);
      PageRecognition recognition =
          recognizers == null ? null : new PageRecognition(document, recognizers, ocrDpi);
      DocumentText text =
          LayoutCollector.collect(
              document,
              pagesDone -> {
                // A damaged page tree can hold more pages than its /Count says.
                if (pagesDone > maxPages) {
                  checkPageCount(pagesDone, maxPages);
                }
                context.progress(Math.min(pagesDone, pageCount), pageCount);
                context.throwIfStopped();
              },
              recognition);
      String markdown = MarkdownAssembler.assemble(text, InlineMarkup.fromOptions(input.options()));
      int pages = text.pages().size();
      if (log.isDebugEnabled()) {
        log.debug(
            "converted {} pages of {} in {} ms ({} pages and {} images recognized)",
            pages,
            input.source().name(),
            (System.nanoTime() - started) / 1_000_000,
            recognition == null ? 0 : recognition.pagesRecognized(),
            recognition == null ? 0 : recognition.imagesRecognized());
      }
      succeeded = true;
      return BackendOutput.onCpu(markdown, pages);
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
      if (recognizers != null) {
        recognizers.finish(succeeded);
      }
      closeQuietly(document);
    }
  }

  private static boolean ocrEnabled(Map<String, String> options) {
    return OCR_OPTION.valueIn(options).equals("auto");
  }

  private static int ocrDpi(Map<String, String> options) {
    return Integer.parseInt(OCR_DPI_OPTION.valueIn(options));
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public List<EngineOption> options() {
    return List.of(
        OCR_OPTION, OCR_DPI_OPTION, InlineMarkup.LINKS_OPTION, InlineMarkup.EMPHASIS_OPTION);
  }

  /** Closes the recognizers kept for reuse; conversions still running close their own. */
  @Override
  public void close() {
    closed.set(true);
    TextRecognizer recognizer;
    while ((recognizer = idleRecognizers.pollFirst()) != null) {
      closeQuietly(recognizer);
    }
  }

  /** Keeps a healthy recognizer for the next conversion, or closes it. */
  private void release(TextRecognizer recognizer) {
    if (!closed.get() && idleRecognizers.offerFirst(recognizer)) {
      // close() may have drained the pool between the check and the offer.
      if (closed.get() && idleRecognizers.remove(recognizer)) {
        closeQuietly(recognizer);
      }
      return;
    }
    closeQuietly(recognizer);
  }

  private void closeQuietly(TextRecognizer recognizer) {
    try {
      recognizer.close();
    } catch (RuntimeException e) {
      log.warn("could not close a text recognizer cleanly: {}", e.toString());
    }
  }

  /**
   * Takes the conversion's recognizer when a page first needs one, at most once: a kept one, or a
   * new one. A recognizer that cannot run here (no native library for this platform) leaves the
   * conversion to the text layer, logged once per engine.
   */
  private final class Recognizers implements PageRecognition.RecognizerSource {
    private boolean opened;
    private TextRecognizer recognizer;

    @Override
    public TextRecognizer get() {
      if (!opened) {
        opened = true;
        recognizer = idleRecognizers.pollFirst();
        if (recognizer != null) {
          return recognizer;
        }
        Optional<TextRecognizerProvider> provider = recognizerProvider();
        if (provider.isPresent()) {
          try {
            recognizer = provider.get().open();
          } catch (RuntimeException | LinkageError e) {
            if (recognizerFailureLogged.compareAndSet(false, true)) {
              log.warn(
                  "text recognizer {} cannot run here, converting text layers only: {}",
                  provider.get().id(),
                  e.toString());
            }
          }
        }
      }
      return recognizer;
    }

    /**
     * Ends the conversion's use of its recognizer: kept for the next conversion when the conversion
     * ended normally, closed when it failed (the recognizer may be what failed).
     */
    void finish(boolean succeeded) {
      if (recognizer != null) {
        if (succeeded) {
          release(recognizer);
        } else {
          closeQuietly(recognizer);
        }
        recognizer = null;
      }
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
