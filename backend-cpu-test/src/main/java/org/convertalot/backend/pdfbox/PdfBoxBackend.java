package org.convertalot.backend.pdfbox;

import java.util.Optional;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.backend.pdfbox.internal.engine.PdfBoxEngine;
import org.convertalot.backend.pdfbox.ocr.TextRecognizerProvider;

/**
 * The entry point for code that registers the PDFBox engine on a runtime builder by hand instead of
 * through {@link java.util.ServiceLoader}.
 */
public final class PdfBoxBackend {

  private PdfBoxBackend() {}

  /**
   * Creates a new PDFBox engine: id {@code pdfbox}, CPU only, accepts {@code application/pdf}.
   *
   * <p>An encrypted PDF that opens with the empty user password (for example one that only has an
   * owner password restricting printing or copying) is converted: its text is readable by anyone
   * who opens it. A PDF that needs a user password fails with {@code invalid_input}, reason {@code
   * encrypted}.
   *
   * <p>Text that the text layer lacks is recognized with the first {@link TextRecognizerProvider}
   * (by id) that {@link java.util.ServiceLoader} finds, if any; the engine option {@code
   * pdfbox.ocr=off} turns recognition off for one request.
   *
   * @return a new, independent engine; it holds no resources until it converts
   */
  public static ConversionBackend create() {
    return new PdfBoxEngine();
  }

  /**
   * Creates a new PDFBox engine that recognizes text with the given provider instead of looking for
   * one.
   *
   * @param recognizer the recognizer provider to use
   * @return a new, independent engine; it holds no resources until it converts
   */
  public static ConversionBackend create(TextRecognizerProvider recognizer) {
    return new PdfBoxEngine(Optional.of(recognizer));
  }

  /**
   * Creates a new PDFBox engine that reads text layers only, whatever recognizers are present.
   *
   * @return a new, independent engine; it holds no resources until it converts
   */
  public static ConversionBackend createWithoutRecognition() {
    return new PdfBoxEngine(Optional.empty());
  }
}
