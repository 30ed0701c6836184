package org.convertalot.api.backend;

import java.util.Locale;

/** Why a probe found its runtime unusable. */
public enum ProbeCause {
  /** The driver library is not installed or cannot be loaded. */
  DRIVER_MISSING,
  /** The driver is present but too old or incompatible. */
  DRIVER_MISMATCH,
  /** The driver works but reports no device. */
  NO_DEVICE,
  /** A device exists but cannot be used (busy, faulted, out of memory). */
  DEVICE_UNUSABLE,
  /** The engine's own runtime (for example Python or Docling) is missing or broken. */
  BACKEND_UNAVAILABLE;

  /** {@return the stable snake_case name, for example {@code driver_missing}} */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
