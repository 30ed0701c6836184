package org.convertalot.core.testing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Device;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.backend.ProbeResult;

/**
 * A real engine whose conversion is a function given by the test, and whose declarations
 * (concurrency, options) a test may set; open for tests that override one more method.
 */
public class TestBackend implements ConversionBackend {
  private final String id;
  private final Set<Acceleration> accelerations;
  private final ProbeResult probe;
  private final BiFunction<BackendInput, BackendContext, BackendOutput> convert;
  private final AtomicInteger calls = new AtomicInteger();

  /** The capabilities' default concurrency. */
  public volatile int concurrency = 4;

  /** The declared options. */
  public volatile List<EngineOption> options = List.of();

  /** Whether the capabilities declare that the engine honours page selections. */
  public volatile boolean selectsPages;

  public TestBackend(
      String id,
      Set<Acceleration> accelerations,
      ProbeResult probe,
      BiFunction<BackendInput, BackendContext, BackendOutput> convert) {
    this.id = id;
    this.accelerations = accelerations;
    this.probe = probe;
    this.convert = convert;
  }

  /** A CPU engine. */
  public static TestBackend cpu(BiFunction<BackendInput, BackendContext, BackendOutput> convert) {
    return new TestBackend(
        "test-cpu", Set.of(Acceleration.CPU), ProbeResult.cpuAvailable("test"), convert);
  }

  /** A CPU engine that writes a heading with the source name. */
  public static TestBackend echo() {
    return cpu(
        (in, ctx) -> {
          ctx.progress(1, 1);
          return BackendOutput.onCpu("# " + in.source().name() + "\n\nconverted", 1);
        });
  }

  /** An output on the given acceleration; a GPU one names device 0. */
  public static BackendOutput output(String markdown, int pages, Acceleration acceleration) {
    return new BackendOutput(
        markdown,
        pages,
        acceleration,
        acceleration.isGpu() ? Device.gpu(acceleration, 0, "test gpu") : Device.CPU);
  }

  public int calls() {
    return calls.get();
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
    return new BackendCapabilities(
        accelerations, Set.of(BackendCapabilities.PDF), concurrency, selectsPages);
  }

  @Override
  public List<EngineOption> options() {
    return options;
  }

  @Override
  public ProbeResult probe() {
    return probe;
  }

  @Override
  public BackendOutput convert(BackendInput input, BackendContext context) {
    calls.incrementAndGet();
    return convert.apply(input, context);
  }
}
