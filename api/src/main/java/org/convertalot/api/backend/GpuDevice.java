package org.convertalot.api.backend;

import java.util.Objects;

/**
 * A GPU found by a probe.
 *
 * @param index the device ordinal
 * @param name the device name
 * @param totalMemoryBytes total memory, or 0 when unknown
 */
public record GpuDevice(int index, String name, long totalMemoryBytes) {
  /**
   * Validates the fields.
   *
   * @param index the device ordinal
   * @param name the device name
   * @param totalMemoryBytes total memory, or 0 when unknown
   */
  public GpuDevice {
    Objects.requireNonNull(name, "name");
  }
}
