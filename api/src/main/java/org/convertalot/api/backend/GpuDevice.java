package org.convertalot.api.backend;

import java.util.Objects;

/**
 * A GPU found by a probe.
 *
 * @param index the device ordinal, as the probing runtime numbers it (CUDA or HIP)
 * @param name the device name
 * @param totalMemoryBytes total memory, or 0 when unknown
 * @param capability the compute capability as {@code major.minor} (for example {@code 9.0} for an
 *     NVIDIA H100 or H200), or {@code null} when unknown
 */
public record GpuDevice(int index, String name, long totalMemoryBytes, String capability) {
  /**
   * Validates the fields.
   *
   * @param index the device ordinal, as the probing runtime numbers it (CUDA or HIP)
   * @param name the device name
   * @param totalMemoryBytes total memory, or 0 when unknown
   * @param capability the compute capability as {@code major.minor}, or {@code null} when unknown
   */
  public GpuDevice {
    Objects.requireNonNull(name, "name");
  }

  /**
   * A device whose compute capability is unknown.
   *
   * @param index the device ordinal
   * @param name the device name
   * @param totalMemoryBytes total memory, or 0 when unknown
   */
  public GpuDevice(int index, String name, long totalMemoryBytes) {
    this(index, name, totalMemoryBytes, null);
  }
}
