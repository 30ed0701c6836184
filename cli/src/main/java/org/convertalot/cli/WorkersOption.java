package org.convertalot.cli;

import org.convertalot.core.ConvertALot;
import picocli.CommandLine.Option;

/** The {@code --workers} option of the commands that convert in this process. */
final class WorkersOption {
  /** The most worker threads a command accepts, as the runtime does. */
  static final int MAX = 1024;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Worker threads, 1 to 1024 (default: one per processor).")
  private Integer workers;

  /** Refuses a count outside 1 to {@link #MAX} with a usage error. */
  void check() {
    if (workers != null && (workers < 1 || workers > MAX)) {
      throw new UsageError("--workers must be between 1 and " + MAX + ": " + workers);
    }
  }

  /** The count asked for, else one per processor. */
  int threads() {
    return workers != null ? workers : ConvertALot.defaultWorkers();
  }
}
