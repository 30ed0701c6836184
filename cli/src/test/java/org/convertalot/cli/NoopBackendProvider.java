package org.convertalot.cli;

import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;

/** An engine that converts instantly, for tests of the job machinery rather than of parsing. */
public final class NoopBackendProvider extends TestEngine {
  /** The engine id. */
  public static final String ID = "noop";

  /** Creates the engine. */
  public NoopBackendProvider() {
    super(ID, 4);
  }

  @Override
  public BackendOutput convert(BackendInput input, BackendContext context) {
    context.progress(1, 1);
    return BackendOutput.onCpu("# noop " + input.source().name() + "\n", 1);
  }
}
