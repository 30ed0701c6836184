package org.convertalot.api;

import java.util.Objects;

/**
 * The device a conversion actually ran on, as the engine reports it: recorded in the manifest next
 * to {@link ArtifactManifest#accelerationUsed()}.
 *
 * @param id a stable device id: {@code cpu}, or the acceleration and ordinal, for example {@code
 *     cuda:0}
 * @param name a human readable name, for example {@code NVIDIA H200}; may equal the id
 */
public record Device(String id, String name) {
  /** The device of an engine that ran on the CPU and named no other. */
  public static final Device CPU = new Device("cpu", "cpu");

  /**
   * Validates the fields.
   *
   * @param id a stable device id: {@code cpu}, or the acceleration and ordinal, for example {@code
   *     cuda:0}
   * @param name a human readable name, for example {@code NVIDIA H200}; may equal the id
   */
  public Device {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a device id is not blank");
    }
  }

  /**
   * A GPU device by acceleration and ordinal.
   *
   * @param acceleration a GPU acceleration
   * @param index the device ordinal the engine used
   * @param name the device name
   * @return for example {@code cuda:0}
   */
  public static Device gpu(Acceleration acceleration, int index, String name) {
    if (!acceleration.isGpu() || index < 0) {
      throw new IllegalArgumentException("a GPU device needs a GPU acceleration and an ordinal");
    }
    return new Device(acceleration.code() + ":" + index, name);
  }
}
