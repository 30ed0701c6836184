package org.convertalot.backend.pdfbox.internal.engine;

import java.util.List;
import java.util.Map;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.backend.pdfbox.internal.extract.WorkBudget;

/**
 * The engine options of one request. They are declared ({@link #DECLARED}), so the runtime refuses
 * an unknown option or a bad value when the job is submitted; reading them here checks them again
 * for callers that use the engine without a runtime.
 *
 * @param recognition whether text the text layer lacks may be recognized ({@code pdfbox.ocr})
 * @param ocrDpi the resolution pages are rendered at for recognition ({@code pdfbox.ocr.dpi})
 * @param links whether web links become Markdown links ({@code pdfbox.links})
 * @param emphasis whether bold and italic runs become emphasis ({@code pdfbox.emphasis})
 * @param maxOperatorsPerPage content operators a page may run ({@code
 *     pdfbox.max_operators_per_page})
 * @param maxFormsPerPage form XObjects a page may draw ({@code pdfbox.max_forms_per_page})
 * @param maxGlyphsPerPage glyphs a page may show ({@code pdfbox.max_glyphs_per_page})
 * @param maxImagePixels pixels of an image the engine decodes ({@code pdfbox.max_image_pixels})
 */
public record EngineOptions(
    boolean recognition,
    int ocrDpi,
    boolean links,
    boolean emphasis,
    long maxOperatorsPerPage,
    long maxFormsPerPage,
    long maxGlyphsPerPage,
    long maxImagePixels) {

  /**
   * 200 dpi: body text gets about 25 pixels of line height, which recognition reads as well as at
   * 300 dpi, in half the pixels.
   */
  static final int DEFAULT_OCR_DPI = 200;

  static final int MIN_OCR_DPI = 72;
  static final int MAX_OCR_DPI = 600;

  /** Engine option: {@code auto} (the default) recognizes text where needed, {@code off} never. */
  public static final EngineOption OCR =
      EngineOption.choice(
          "pdfbox.ocr",
          "recognize text the text layer lacks (auto, needs a recognizer) or never (off)",
          "auto",
          "auto",
          "off");

  /** Engine option: the resolution pages are rendered at for recognition, in dpi. */
  public static final EngineOption OCR_DPI =
      EngineOption.integer(
          "pdfbox.ocr.dpi",
          "the resolution pages are rendered at for recognition, in dpi",
          DEFAULT_OCR_DPI,
          MIN_OCR_DPI,
          MAX_OCR_DPI);

  /**
   * Engine option that turns links on. Links and emphasis are off by default: the benchmark's
   * ground truth has neither, so the extra characters only lowered its text and heading scores
   * (measured), while readers of the Markdown may want them.
   */
  public static final EngineOption LINKS =
      EngineOption.flag("pdfbox.links", "write web links as Markdown links", false);

  /** Engine option that turns emphasis on. */
  public static final EngineOption EMPHASIS =
      EngineOption.flag("pdfbox.emphasis", "write bold and italic runs where certain", false);

  /** Engine option: the content operators one page may run; see {@link WorkBudget}. */
  public static final EngineOption MAX_OPERATORS_PER_PAGE =
      EngineOption.integer(
          "pdfbox.max_operators_per_page",
          "content operators one page may run, forms included; more is invalid_input too_large",
          WorkBudget.DEFAULT_MAX_OPERATORS_PER_PAGE,
          1_000,
          Long.MAX_VALUE);

  /** Engine option: the form XObjects one page may draw; see {@link WorkBudget}. */
  public static final EngineOption MAX_FORMS_PER_PAGE =
      EngineOption.integer(
          "pdfbox.max_forms_per_page",
          "form XObjects one page may draw, nested ones included; more is invalid_input too_large",
          WorkBudget.DEFAULT_MAX_FORMS_PER_PAGE,
          100,
          Long.MAX_VALUE);

  /** Engine option: the glyphs one page may show; see {@link WorkBudget}. */
  public static final EngineOption MAX_GLYPHS_PER_PAGE =
      EngineOption.integer(
          "pdfbox.max_glyphs_per_page",
          "glyphs one page may show; more is invalid_input too_large",
          WorkBudget.DEFAULT_MAX_GLYPHS_PER_PAGE,
          1_000,
          Long.MAX_VALUE);

  /** Engine option: the pixels of one image the engine decodes; see {@link WorkBudget}. */
  public static final EngineOption MAX_IMAGE_PIXELS =
      EngineOption.integer(
          "pdfbox.max_image_pixels",
          "pixels of an image decoded for recognition; more is invalid_input too_large",
          WorkBudget.DEFAULT_MAX_IMAGE_PIXELS,
          10_000,
          Integer.MAX_VALUE);

  /** Every option the engine reads. */
  public static final List<EngineOption> DECLARED =
      List.of(
          OCR,
          OCR_DPI,
          LINKS,
          EMPHASIS,
          MAX_OPERATORS_PER_PAGE,
          MAX_FORMS_PER_PAGE,
          MAX_GLYPHS_PER_PAGE,
          MAX_IMAGE_PIXELS);

  /**
   * Reads a request's engine options.
   *
   * @throws InvalidRequestException when an option has a value it does not take
   */
  static EngineOptions parse(Map<String, String> options) {
    return new EngineOptions(
        OCR.valueIn(options).equals("auto"),
        Integer.parseInt(OCR_DPI.valueIn(options)),
        Boolean.parseBoolean(LINKS.valueIn(options)),
        Boolean.parseBoolean(EMPHASIS.valueIn(options)),
        Long.parseLong(MAX_OPERATORS_PER_PAGE.valueIn(options)),
        Long.parseLong(MAX_FORMS_PER_PAGE.valueIn(options)),
        Long.parseLong(MAX_GLYPHS_PER_PAGE.valueIn(options)),
        Long.parseLong(MAX_IMAGE_PIXELS.valueIn(options)));
  }

  /** The work budget these options allow, asking {@code stopCheck} inside the operator loop. */
  WorkBudget budget(Runnable stopCheck) {
    return new WorkBudget(
        maxOperatorsPerPage, maxFormsPerPage, maxGlyphsPerPage, maxImagePixels, stopCheck);
  }
}
