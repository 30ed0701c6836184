package org.convertalot.backend.pdfbox.internal.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.util.Version;
import org.convertalot.api.Acceleration;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Warning;
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
import org.convertalot.backend.pdfbox.internal.extract.LayoutCollector;
import org.convertalot.backend.pdfbox.internal.extract.WorkBudget;
import org.convertalot.backend.pdfbox.internal.layout.DocumentText;
import org.convertalot.backend.pdfbox.internal.markdown.InlineMarkup;
import org.convertalot.backend.pdfbox.internal.markdown.MarkdownAssembler;
import org.convertalot.backend.pdfbox.internal.recognition.GarbledPages;
import org.convertalot.backend.pdfbox.internal.recognition.PageRecognition;
import org.convertalot.backend.pdfbox.internal.recognition.RecognizerPool;
import org.convertalot.backend.pdfbox.ocr.TextRecognizerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PDFBox engine: checks the input, opens it with scratch files instead of heap buffers,
 * extracts the text page by page (reporting progress between pages, honouring cancellation and the
 * {@link WorkBudget} of each page inside PDFBox's operator loop) and lays it out as Markdown. Where
 * a {@link TextRecognizerProvider} is on the class or module path, text that the text layer lacks
 * (scanned pages, text drawn as outlines, tables pasted as images) is recognized too; see {@link
 * PageRecognition}. A page whose text layer is garbled is recognized instead, or keeps only its
 * readable characters without a recognizer, and is named in a warning; see {@link GarbledPages}.
 * Stateless between conversions, so one instance serves any number of threads.
 */
public final class PdfBoxEngine implements ConversionBackend {

  public static final String ID = "pdfbox";

  /** This engine's own version; the PDFBox version is appended at run time. */
  public static final String ENGINE_VERSION = "0.1.0";

  static final String PHASE_PARSE = "parse";
  static final String PHASE_LAYOUT = "layout";

  /** As many conversions at once as a runtime has workers at most. */
  static final int MAX_CONCURRENCY = 1024;

  private final Logger log = LoggerFactory.getLogger(PdfBoxEngine.class);

  /** Read lazily: looking up the PDFBox version reads a resource, which is not class-load work. */
  private volatile String version;

  private final RecognizerPool recognizers;

  /** An engine that looks for a recognizer with {@link ServiceLoader} when it first needs one. */
  public PdfBoxEngine() {
    recognizers = new RecognizerPool();
  }

  /** An engine with the given recognizer, or none when {@code provider} is empty. */
  public PdfBoxEngine(Optional<TextRecognizerProvider> provider) {
    recognizers = new RecognizerPool(provider);
  }

  /**
   * The CPU default: among discovered engines that can serve a job, this one wins over engines that
   * declare no priority.
   */
  public static final int PRIORITY = 100;

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public List<EngineOption> options() {
    return EngineOptions.DECLARED;
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
      Optional<TextRecognizerProvider> recognizer = recognizers.provider();
      if (recognizer.isPresent()) {
        known += "+" + recognizer.get().id() + "-" + recognizer.get().version();
      }
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
    // Each call converts its own document: nothing but the runtime's worker count (one per
    // processor unless the user asks for more) needs to bound how many run at once.
    return new BackendCapabilities(
            Set.of(Acceleration.CPU), Set.of(BackendCapabilities.PDF), MAX_CONCURRENCY)
        .withPageSelection();
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
    EngineOptions options = EngineOptions.parse(input.options());
    boolean recognize = options.recognition() && recognizers.provider().isPresent();
    // The runtime checked the file (exists, not empty, within the byte limit, a PDF header);
    // what remains needs the parser: encryption, damage, the page limit.
    context.throwIfStopped();

    context.phase(PHASE_PARSE);
    PDDocument document = null;
    RecognizerPool.Lease lease = recognize ? recognizers.lease() : null;
    boolean succeeded = false;
    try {
      document = DocumentOpener.open(path, context.tempDir(), context.passwords());
      int maxPages = input.limits().maxPages();
      int pageCount = document.getNumberOfPages();
      DocumentOpener.checkPageCount(pageCount, maxPages);
      PageSelection selection = input.pages();
      int selected = selection.requireWithin(pageCount);
      context.throwIfStopped();

      context.phase(PHASE_LAYOUT);
      // Asked inside PDFBox's operator loop too, so a stopped run ends within milliseconds.
      WorkBudget budget = options.budget(context::throwIfStopped);
      PageRecognition recognition =
          lease == null ? null : new PageRecognition(document, lease, options.ocrDpi(), budget);
      // Every page is checked for a garbled text layer, with or without a recognizer.
      GarbledPages checked =
          new GarbledPages(
              recognition, !options.recognition() && recognizers.provider().isPresent());
      DocumentText text =
          LayoutCollector.collect(
              document,
              selection::contains,
              pagesDone -> {
                // A damaged page tree can hold more pages than its /Count says.
                if (pagesDone > maxPages) {
                  DocumentOpener.checkPageCount(pagesDone, maxPages);
                }
                context.progress(Math.min(pagesDone, selected), selected);
                context.throwIfStopped();
              },
              checked,
              budget);
      String markdown =
          MarkdownAssembler.assemble(text, new InlineMarkup(options.links(), options.emphasis()));
      int pages = text.pages().size();
      if (pages == 0) {
        // getNumberOfPages() trusts /Count; a page tree that loops or holds no page yields none.
        throw new InvalidInputException(
            InvalidInputReason.CORRUPT,
            "the PDF's page tree yields no page (its /Count says " + pageCount + ")",
            Map.of("detail", "no_pages_in_page_tree"),
            null);
      }
      if (log.isDebugEnabled()) {
        log.debug(
            "converted {} pages of {} in {} ms ({} pages and {} images recognized, garbled: {})",
            pages,
            input.source().name(),
            (System.nanoTime() - started) / 1_000_000,
            recognition == null ? 0 : recognition.pagesRecognized(),
            recognition == null ? 0 : recognition.imagesRecognized(),
            checked.garbledPages());
      }
      succeeded = true;
      List<Warning> warnings = new ArrayList<>(checked.warnings());
      warnings.addAll(
          PagesWithoutText.warnings(
              text,
              recognize
                  ? PagesWithoutText.Recognition.RAN
                  : recognizers.provider().isPresent()
                      ? PagesWithoutText.Recognition.SWITCHED_OFF
                      : PagesWithoutText.Recognition.ABSENT,
              checked.garbledPages()));
      return BackendOutput.onCpu(markdown, pages).withWarnings(warnings);
    } catch (ConversionException e) {
      throw e;
    } catch (IOException e) {
      throw DocumentOpener.readFailure(e);
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
      if (lease != null) {
        lease.finish(succeeded);
      }
      closeQuietly(document);
    }
  }

  /** Closes the recognizers kept for reuse; conversions still running close their own. */
  @Override
  public void close() {
    recognizers.close();
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
