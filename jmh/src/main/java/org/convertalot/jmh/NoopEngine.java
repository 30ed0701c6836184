package org.convertalot.jmh;

import java.util.Set;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ProbeResult;

/**
 * A CPU engine that converts nothing and returns one heading at once, so that a lifecycle benchmark
 * measures the runtime and its store, not a conversion.
 */
final class NoopEngine implements ConversionBackend {
  /** The engine id. */
  static final String ID = "jmh-noop";

  private final int concurrency;

  /**
   * Creates the engine.
   *
   * @param concurrency how many conversions it runs at once
   */
  NoopEngine(int concurrency) {
    this.concurrency = concurrency;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public BackendCapabilities capabilities() {
    return new BackendCapabilities(
        Set.of(Acceleration.CPU), Set.of(BackendCapabilities.PDF), concurrency);
  }

  @Override
  public ProbeResult probe() {
    return ProbeResult.cpuAvailable(ID);
  }

  @Override
  public BackendOutput convert(BackendInput input, BackendContext context) {
    context.progress(1, 1);
    return BackendOutput.onCpu("# noop " + input.source().name() + "\n", 1);
  }
}
