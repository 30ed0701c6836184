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
 * An engine whose output is large (about 3 MB), so that normalizing, staging and publishing it take
 * long enough for a kill -9 to land during completion.
 */
public final class LargeOutputBackendProvider implements ConversionBackendProvider {
  /** The engine id. */
  public static final String ID = "large-output";

  /** Creates the provider. */
  public LargeOutputBackendProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ConversionBackend create() {
    return new ConversionBackend() {
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
            Set.of(Acceleration.CPU), Set.of(BackendCapabilities.PDF), 2);
      }

      @Override
      public ProbeResult probe() {
        return ProbeResult.cpuAvailable("large output");
      }

      @Override
      public BackendOutput convert(BackendInput input, BackendContext context) {
        StringBuilder md = new StringBuilder("# ").append(input.source().name()).append("\n\n");
        for (int i = 0; i < 40_000; i++) {
          md.append("Paragraph ")
              .append(i)
              .append(" of ")
              .append(input.source().sha256())
              .append("\n\n");
          if (i % 4_000 == 0) {
            context.progress(i / 4_000, 10);
          }
        }
        return new BackendOutput(md.toString(), 1, Acceleration.CPU);
      }
    };
  }
}
