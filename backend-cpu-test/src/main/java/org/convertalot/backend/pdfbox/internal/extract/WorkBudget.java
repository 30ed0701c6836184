package org.convertalot.backend.pdfbox.internal.extract;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;

/**
 * How much work one page may ask of the engine, checked inside PDFBox's operator loop: a few
 * kilobytes of PDF can ask for endless work (form XObjects that draw each other), hundreds of
 * millions of glyphs (forms drawn ten times by forms drawn ten times...) or an image of gigabytes
 * once decoded. A page over a limit fails the conversion with {@code invalid_input}, reason {@code
 * too_large}, details naming the limit ({@code limit}: {@value #OPERATORS}, {@value #FORMS},
 * {@value #GLYPHS} or {@value #IMAGE_PIXELS}), the page and the maximum. The same loop asks the
 * run's stop signal every {@value #STOP_CHECK_INTERVAL} operators or glyphs, so a canceled or
 * timed-out run stops within milliseconds, not at the next page.
 *
 * <p>Counts are per page and per pass: the text pass, and the rendering pass of recognition (which
 * also draws annotations), each get the whole budget. One instance serves one conversion on one
 * thread.
 */
public final class WorkBudget {

  /** The {@code limit} detail of a page with too many content operators. */
  public static final String OPERATORS = "operators_per_page";

  /** The {@code limit} detail of a page that draws too many form XObjects. */
  public static final String FORMS = "forms_per_page";

  /** The {@code limit} detail of a page that shows too many glyphs. */
  public static final String GLYPHS = "glyphs_per_page";

  /** The {@code limit} detail of an image too large to decode. */
  public static final String IMAGE_PIXELS = "image_pixels";

  /**
   * Content operators one page may run, forms and patterns included: ten million, which PDFBox runs
   * in about five seconds on one core (measured: three million stroked lines, nine million
   * operators, in 4.8 s). Drawings with millions of paths pass; form XObjects drawing each other
   * (2<sup>50</sup> operators before PDFBox's nesting limit) stop within seconds.
   */
  public static final long DEFAULT_MAX_OPERATORS_PER_PAGE = 10_000_000L;

  /**
   * Form XObjects one page may draw, nested ones included: a million. Drawing a form costs far more
   * than an operator (its stream is parsed, the graphics state saved, its box clipped), about 2 µs
   * here, so forms that draw each other stop within about two seconds; a map that stamps a symbol a
   * hundred thousand times passes.
   */
  public static final long DEFAULT_MAX_FORMS_PER_PAGE = 1_000_000L;

  /**
   * Glyphs one page may show: two million, a hundred times the densest real pages (a page of
   * six-point type holds about 20,000). It bounds the time a page takes however its content is
   * nested, and the text positions PDFBox keeps for one page.
   */
  public static final long DEFAULT_MAX_GLYPHS_PER_PAGE = 2_000_000L;

  /**
   * Pixels of an image the engine decodes (for recognition only; text extraction never decodes
   * images): a hundred megapixels, about 400 MB once decoded; a Letter page scanned at 1,000 dpi
   * (94 megapixels) passes. A 40,000-by-40,000 image, 1.6 billion pixels, would cost gigabytes.
   */
  public static final long DEFAULT_MAX_IMAGE_PIXELS = 100_000_000L;

  /** The stop signal is asked every this many operators and glyphs. */
  static final int STOP_CHECK_INTERVAL = 256;

  /**
   * PDFBox's own limit on form nesting: past it, it skips the form and logs an error, once per
   * skip, which for forms drawing each other means a million lines. The engine skips those forms
   * itself, silently, and counts them against {@link #FORMS}.
   */
  static final int MAX_FORM_NESTING = 50;

  private final long maxOperators;
  private final long maxForms;
  private final long maxGlyphs;
  private final long maxImagePixels;
  private final Runnable stopCheck;
  private int page;
  private long operators;
  private long forms;
  private long glyphs;

  /**
   * A budget.
   *
   * @param maxOperators content operators per page
   * @param maxForms form XObjects drawn per page
   * @param maxGlyphs glyphs shown per page
   * @param maxImagePixels pixels of one decoded image
   * @param stopCheck throws when the run must stop; called from the operator loop
   */
  public WorkBudget(
      long maxOperators, long maxForms, long maxGlyphs, long maxImagePixels, Runnable stopCheck) {
    this.maxOperators = maxOperators;
    this.maxForms = maxForms;
    this.maxGlyphs = maxGlyphs;
    this.maxImagePixels = maxImagePixels;
    this.stopCheck = stopCheck;
  }

  /** The default limits, never stopped from outside: for callers without a run. */
  public static WorkBudget defaults() {
    return new WorkBudget(
        DEFAULT_MAX_OPERATORS_PER_PAGE,
        DEFAULT_MAX_FORMS_PER_PAGE,
        DEFAULT_MAX_GLYPHS_PER_PAGE,
        DEFAULT_MAX_IMAGE_PIXELS,
        () -> {});
  }

  /**
   * Starts counting a page (or a page's second pass) from zero.
   *
   * @param pageIndex the page's index, from 0
   */
  public void startPage(int pageIndex) {
    page = pageIndex + 1;
    operators = 0;
    forms = 0;
    glyphs = 0;
  }

  /** Counts one content operator; throws when the page has run too many or the run must stop. */
  public void operator() {
    operators++;
    if (operators > maxOperators) {
      throw tooLarge(
          OPERATORS,
          maxOperators,
          "page " + page + " runs more than " + maxOperators + " content operators");
    }
    if (operators % STOP_CHECK_INTERVAL == 0) {
      stopCheck.run();
    }
  }

  /**
   * Whether to skip a {@code Do} at the nesting where PDFBox would skip it with an error log; a
   * skipped form counts as drawn.
   *
   * @param operator the operator about to run
   * @param level the engine's current form nesting ({@code PDFStreamEngine.getLevel()})
   * @return true when the caller must not run it
   */
  public boolean skipsTooDeepForm(Operator operator, int level) {
    if (level < MAX_FORM_NESTING || !"Do".equals(operator.getName())) {
      return false;
    }
    form();
    return true;
  }

  /** Counts one form XObject drawn; throws when the page has drawn too many. */
  public void form() {
    forms++;
    if (forms > maxForms) {
      throw tooLarge(
          FORMS, maxForms, "page " + page + " draws more than " + maxForms + " form XObjects");
    }
  }

  /** Counts one glyph shown; throws when the page has shown too many or the run must stop. */
  public void glyph() {
    glyphs++;
    if (glyphs > maxGlyphs) {
      throw tooLarge(
          GLYPHS, maxGlyphs, "page " + page + " shows more than " + maxGlyphs + " glyphs");
    }
    if (glyphs % STOP_CHECK_INTERVAL == 0) {
      stopCheck.run();
    }
  }

  /**
   * Checks an image, and its masks, before it is decoded.
   *
   * @param image the image about to be decoded
   * @throws IOException when its masks cannot be read
   */
  public void image(PDImage image) throws IOException {
    checkPixels(image);
    if (image instanceof PDImageXObject xObject) {
      PDImageXObject softMask = xObject.getSoftMask();
      if (softMask != null) {
        checkPixels(softMask);
      }
      PDImageXObject mask = xObject.getMask();
      if (mask != null) {
        checkPixels(mask);
      }
    }
  }

  private void checkPixels(PDImage image) {
    long pixels = (long) Math.max(0, image.getWidth()) * Math.max(0, image.getHeight());
    if (pixels > maxImagePixels) {
      throw tooLarge(
          IMAGE_PIXELS,
          maxImagePixels,
          "page "
              + page
              + " has an image of "
              + image.getWidth()
              + " by "
              + image.getHeight()
              + " pixels, more than "
              + maxImagePixels);
    }
  }

  private InvalidInputException tooLarge(String limit, long max, String message) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("limit", limit);
    details.put("page", Integer.toString(page));
    details.put("max", Long.toString(max));
    return new InvalidInputException(
        InvalidInputReason.TOO_LARGE,
        message + "; raise the engine option pdfbox.max_" + limit + " to convert it anyway",
        details,
        null);
  }
}
