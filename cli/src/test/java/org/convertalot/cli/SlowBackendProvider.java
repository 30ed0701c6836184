package org.convertalot.cli;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ConversionBackendProvider;
import org.convertalot.api.backend.ProbeResult;

/** An engine that works (reporting progress) for up to a minute or until it is stopped. */
public final class SlowBackendProvider implements ConversionBackendProvider {
  /** The engine id. */
  public static final String ID = "slow";

  /** Creates the provider. */
  public SlowBackendProvider() {}

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
        return ProbeResult.cpuAvailable("slow");
      }

      @Override
      public BackendOutput convert(BackendInput input, BackendContext context) {
        for (int step = 1; step <= 1_200; step++) {
          context.checkCanceled();
          context.progress(step, 1_200);
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return new BackendOutput("# finally\n", 1, Acceleration.CPU);
      }
    };
  }
}
