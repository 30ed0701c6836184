package org.convertalot.cli;

import java.util.Set;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ConversionBackendProvider;
import org.convertalot.api.backend.ProbeResult;

/**
 * The shared shape of the test engines that worker processes find through {@code
 * META-INF/services}: a CPU engine whose conversion is {@link #convert}.
 */
abstract class TestEngine implements ConversionBackendProvider, ConversionBackend {
  private final String id;
  private final int concurrency;

  TestEngine(String id, int concurrency) {
    this.id = id;
    this.concurrency = concurrency;
  }

  @Override
  public final String id() {
    return id;
  }

  /** Each runtime gets this instance: the test engines keep no state. */
  @Override
  public final ConversionBackend create() {
    return this;
  }

  @Override
  public final String version() {
    return "1";
  }

  @Override
  public final BackendCapabilities capabilities() {
    return new BackendCapabilities(
        Set.of(Acceleration.CPU), Set.of(BackendCapabilities.PDF), concurrency);
  }

  @Override
  public final ProbeResult probe() {
    return ProbeResult.cpuAvailable(id);
  }

  @Override
  public abstract BackendOutput convert(BackendInput input, BackendContext context);
}
