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
 * An engine that converts instantly, for tests that measure the job machinery rather than PDF
 * parsing. Found by worker processes through {@code META-INF/services} in the test classes.
 */
public final class NoopBackendProvider implements ConversionBackendProvider {
  /** The engine id. */
  public static final String ID = "noop";

  /** Creates the provider. */
  public NoopBackendProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ConversionBackend create() {
    return new Noop();
  }

  static final class Noop implements ConversionBackend {
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
      return new BackendCapabilities(Set.of(Acceleration.CPU), Set.of(BackendCapabilities.PDF), 4);
    }

    @Override
    public ProbeResult probe() {
      return ProbeResult.cpuAvailable("noop");
    }

    @Override
    public BackendOutput convert(BackendInput input, BackendContext context) {
      context.progress(1, 1);
      return new BackendOutput("# noop " + input.source().name() + "\n", 1, Acceleration.CPU);
    }
  }
}
