package org.convertalot.backend.docling.internal;

import java.util.List;
import java.util.Map;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.backend.docling.DoclingBackend;

/**
 * The engine options a request may carry, read once per conversion.
 *
 * @param ocr {@code auto} (Docling's default: recognize bitmap areas) or {@code off}
 * @param tableMode {@code accurate}, {@code fast} (TableFormer's modes) or {@code off}
 * @param pageBatch pages per Docling call, one progress report each
 */
record DoclingOptions(String ocr, String tableMode, int pageBatch) {
  static final String OCR_KEY = DoclingBackend.OPTION_OCR;
  static final String TABLE_MODE_KEY = DoclingBackend.OPTION_TABLE_MODE;
  static final String PAGE_BATCH_KEY = DoclingBackend.OPTION_PAGE_BATCH;

  /** Pages per Docling call when the request does not say. */
  static final int DEFAULT_PAGE_BATCH = 8;

  /** The most pages per Docling call. */
  static final int MAX_PAGE_BATCH = 256;

  static final EngineOption OCR =
      EngineOption.choice(
          OCR_KEY,
          "Docling's text recognition: auto recognizes bitmap areas, off reads the text layer only",
          "auto",
          "auto",
          "off");

  static final EngineOption TABLE_MODE =
      EngineOption.choice(
          TABLE_MODE_KEY,
          "Docling's table structure model: accurate, fast, or off (tables become text)",
          "accurate",
          "accurate",
          "fast",
          "off");

  static final EngineOption PAGE_BATCH =
      EngineOption.integer(
          PAGE_BATCH_KEY,
          "pages Docling converts per call; progress is reported after each call",
          DEFAULT_PAGE_BATCH,
          1,
          MAX_PAGE_BATCH);

  /** Every option, in the order help texts list them. */
  static final List<EngineOption> ALL = List.of(OCR, TABLE_MODE, PAGE_BATCH);

  static DoclingOptions of(Map<String, String> options) {
    return new DoclingOptions(
        OCR.valueIn(options),
        TABLE_MODE.valueIn(options),
        Integer.parseInt(PAGE_BATCH.valueIn(options)));
  }
}
