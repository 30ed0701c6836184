package org.example.engine;

import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.testkit.BackendContract;

/** The ten lines of docs/backend-spi.md: the whole engine contract, nothing else declared. */
class TitleEngineContractTest extends BackendContract {
  @Override
  protected ConversionBackend createBackend() {
    return new TitleEngine();
  }
}
