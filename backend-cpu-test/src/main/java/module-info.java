/**
 * The pure-Java CPU engine of Convert-a-Lot, built on Apache PDFBox 3. It is found through {@link
 * java.util.ServiceLoader} under the id {@code pdfbox}; only the provider and a factory are public,
 * plus the text recognizer extension point ({@code org.convertalot.backend.pdfbox.ocr}) that an
 * optional recognition module implements. The engine's stages live in {@code
 * org.convertalot.backend.pdfbox.internal.*}, which is not exported.
 */
module org.convertalot.backend.pdfbox {
  requires org.convertalot.api;
  requires org.apache.pdfbox;
  // Loader's scratch-file settings (MemoryUsageSetting, IOUtils) live in the pdfbox-io jar.
  requires org.apache.pdfbox.io;
  // PDFBox logs through commons-logging, but as an automatic module it cannot require it: without
  // this line a module-path user gets NoClassDefFoundError unless they --add-modules it by hand.
  requires org.apache.commons.logging;
  requires org.slf4j;
  // The recognizer extension point hands rendered pages over as BufferedImages.
  requires transitive java.desktop;

  exports org.convertalot.backend.pdfbox;
  exports org.convertalot.backend.pdfbox.ocr;

  uses org.convertalot.backend.pdfbox.ocr.TextRecognizerProvider;

  provides org.convertalot.api.backend.ConversionBackendProvider with
      org.convertalot.backend.pdfbox.PdfBoxBackendProvider;
}
