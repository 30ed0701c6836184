package org.convertalot.backend.docling;

import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.testkit.BackendContract;
import org.junit.jupiter.api.AfterEach;

/** The test kit's engine contract, run on the Docling engine with the stand-in worker. */
class DoclingBackendContractTest extends BackendContract {
  private ConversionBackend engine;

  @Override
  protected ConversionBackend createBackend() {
    engine = StandIn.builder(dir).build();
    return engine;
  }

  /** Runs before the kit's own close: closes the engine (closing twice is harmless) and looks. */
  @AfterEach
  void closeLeavesNoWorker() {
    engine.close();
    StandIn.assertNoWorkerLeft();
  }
}
