/**
 * Text recognition for the PDFBox engine on Tesseract 5. Provides a {@code
 * org.convertalot.backend.pdfbox.ocr.TextRecognizerProvider} under the id {@code tesseract};
 * nothing else is public.
 *
 * <p>On the module path, JavaCPP's platform module (for example {@code
 * org.bytedeco.tesseract.linux.x86_64}) must be resolved too: {@code --add-modules} it, or run on
 * the class path.
 */
module org.convertalot.ocr.tesseract {
  requires org.convertalot.backend.pdfbox;
  requires org.bytedeco.tesseract;

  provides org.convertalot.backend.pdfbox.ocr.TextRecognizerProvider with
      org.convertalot.ocr.tesseract.TesseractRecognizerProvider;
}
