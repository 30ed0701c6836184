package org.convertalot.cli;

import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;

/**
 * An engine whose output is large (about 3 MB), so that normalizing, staging and publishing it take
 * long enough for a kill -9 to land during completion.
 */
public final class LargeOutputBackendProvider extends TestEngine {
  /** The engine id. */
  public static final String ID = "large-output";

  /** Creates the engine. */
  public LargeOutputBackendProvider() {
    super(ID, 2);
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
    return BackendOutput.onCpu(md.toString(), 1);
  }
}
