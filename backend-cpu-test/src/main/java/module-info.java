/**
 * The pure-Java CPU engine of Convert-a-Lot, built on Apache PDFBox 3. It is found through {@link
 * java.util.ServiceLoader} under the id {@code pdfbox}; only the provider and a factory are public.
 */
module org.convertalot.backend.pdfbox {
  requires org.convertalot.api;
  requires org.apache.pdfbox;
  // Loader's scratch-file settings (MemoryUsageSetting, IOUtils) live in the pdfbox-io jar.
  requires org.apache.pdfbox.io;
  requires org.slf4j;

  exports org.convertalot.backend.pdfbox;

  provides org.convertalot.api.backend.ConversionBackendProvider with
      org.convertalot.backend.pdfbox.PdfBoxBackendProvider;
}
