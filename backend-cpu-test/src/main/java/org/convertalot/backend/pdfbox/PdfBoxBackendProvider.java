package org.convertalot.backend.pdfbox;

import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ConversionBackendProvider;
import org.convertalot.backend.pdfbox.internal.engine.PdfBoxEngine;

/**
 * Makes the PDFBox engine discoverable through {@link java.util.ServiceLoader}, both on the module
 * path ({@code provides} in {@code module-info}) and on the class path ({@code META-INF/services}).
 * Creating the provider does no work: no threads, files or probes.
 */
public final class PdfBoxBackendProvider implements ConversionBackendProvider {

  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public PdfBoxBackendProvider() {}

  /** Returns {@code pdfbox}. */
  @Override
  public String id() {
    return PdfBoxEngine.ID;
  }

  /** Creates a new PDFBox engine. */
  @Override
  public ConversionBackend create() {
    return PdfBoxBackend.create();
  }
}
