package org.convertalot.core.testing;

import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.backend.ProbeResult;

/**
 * An engine whose conversion is a function and whose declarations (concurrency, options) a test
 * sets; open for tests that override one more method.
 */
public class DelegatingBackend implements ConversionBackend {
  private final String id;
  private final Set<Acceleration> accelerations;
  private final BiFunction<BackendInput, BackendContext, BackendOutput> convert;

  /** The capabilities' default concurrency. */
  public volatile int concurrency = 4;

  /** The declared options. */
  public volatile List<EngineOption> options = List.of();

  public DelegatingBackend(
      String id,
      Set<Acceleration> accelerations,
      BiFunction<BackendInput, BackendContext, BackendOutput> convert) {
    this.id = id;
    this.accelerations = accelerations;
    this.convert = convert;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String version() {
    return "1.0-test";
  }

  @Override
  public BackendCapabilities capabilities() {
    return new BackendCapabilities(accelerations, Set.of(BackendCapabilities.PDF), concurrency);
  }

  @Override
  public List<EngineOption> options() {
    return options;
  }

  @Override
  public ProbeResult probe() {
    return ProbeResult.cpuAvailable("test");
  }

  @Override
  public BackendOutput convert(BackendInput input, BackendContext context) {
    return convert.apply(input, context);
  }
}
