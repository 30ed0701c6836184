package org.convertalot.backend.pdfbox;

import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.testkit.BackendContract;

/** The PDFBox engine passes the contract every engine owes the runtime. */
class PdfBoxBackendContractTest extends BackendContract {
  @Override
  protected ConversionBackend createBackend() {
    return PdfBoxBackend.create();
  }
}
