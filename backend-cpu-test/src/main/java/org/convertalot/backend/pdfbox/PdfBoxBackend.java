package org.convertalot.backend.pdfbox;

import org.convertalot.api.backend.ConversionBackend;

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
   * @return a new, independent engine; it holds no resources until it converts
   */
  public static ConversionBackend create() {
    return new PdfBoxEngine();
  }
}
