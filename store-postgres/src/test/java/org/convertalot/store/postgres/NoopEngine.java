package org.convertalot.store.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Warning;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.core.store.spi.Hashing;

/**
 * A CPU engine that converts nothing: it reports each call, sleeps for a fixed time (zero for the
 * cluster test, longer where a test needs jobs to stay RUNNING) and returns one heading and the
 * SHA-256 of the bytes it was given.
 */
final class NoopEngine implements ConversionBackend {
  /** The engine id. */
  static final String ID = "pg-noop";

  private final int concurrency;
  private final long delayMillis;
  private final Consumer<String> converted;
  private final List<Warning> warnings;

  /**
   * Creates the engine.
   *
   * @param concurrency how many conversions it runs at once
   * @param delayMillis how long each conversion sleeps
   * @param converted told the source's name when a conversion starts
   */
  NoopEngine(int concurrency, long delayMillis, Consumer<String> converted) {
    this(concurrency, delayMillis, converted, List.of());
  }

  /**
   * Creates an engine whose every output carries the given warnings.
   *
   * @param concurrency how many conversions it runs at once
   * @param delayMillis how long each conversion sleeps
   * @param converted told the source's name when a conversion starts
   * @param warnings the warnings of every output; they name pages up to 1
   */
  NoopEngine(
      int concurrency, long delayMillis, Consumer<String> converted, List<Warning> warnings) {
    this.concurrency = concurrency;
    this.delayMillis = delayMillis;
    this.converted = converted;
    this.warnings = List.copyOf(warnings);
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
    converted.accept(input.source().name());
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    context.progress(1, 1);
    // The hash of the bytes the engine was given shows which bytes a worker converted.
    String sha256;
    try {
      sha256 = Hashing.hashFile(input.path()).sha256();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return BackendOutput.onCpu("# noop " + input.source().name() + "\n\nsha256 " + sha256 + "\n", 1)
        .withWarnings(warnings);
  }
}
