package org.convertalot.cli;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;

/** An engine that works (reporting progress) for up to a minute or until it is stopped. */
public final class SlowBackendProvider extends TestEngine {
  /** The engine id. */
  public static final String ID = "slow";

  /** Creates the engine. */
  public SlowBackendProvider() {
    super(ID, 2);
  }

  @Override
  public BackendOutput convert(BackendInput input, BackendContext context) {
    for (int step = 1; step <= 1_200; step++) {
      context.throwIfStopped();
      context.progress(step, 1_200);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    return BackendOutput.onCpu("# finally\n", 1);
  }
}
