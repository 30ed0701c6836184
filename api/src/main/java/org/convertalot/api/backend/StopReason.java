package org.convertalot.api.backend;

import java.util.Locale;

/** Why the runtime stopped a conversion from outside the engine. */
public enum StopReason {
  /** The user canceled the job. */
  CANCELED,
  /** The run lost its lease: another run owns the job now, nothing it produces is published. */
  LEASE_LOST,
  /** The job passed its deadline. */
  TIMEOUT,
  /** The engine reported no progress for the stall window. */
  STALLED,
  /** The runtime is closing; the job goes back to the queue. */
  SHUTDOWN;

  /** {@return the stable snake_case name, for example {@code lease_lost}} */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
