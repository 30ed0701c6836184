package org.convertalot.backend.docling.gpu;

import java.util.Objects;
import java.util.OptionalInt;
import org.convertalot.api.backend.ProbeCause;

/**
 * One utilization reading of one GPU through NVML, or why there is none.
 *
 * @param deviceIndex the CUDA ordinal the reading is for
 * @param gpuPercent percent of NVML's last sample period in which a kernel ran, or empty when not
 *     read
 * @param memoryPercent percent of that period in which device memory was read or written, or empty
 *     when not read
 * @param cause when not read, what the failure says about the GPU runtime: {@code driver_missing}
 *     (NVML absent), {@code driver_mismatch} ({@code NVML_ERROR_LIB_RM_VERSION_MISMATCH}), {@code
 *     no_device}, {@code device_unusable} (for example {@code NVML_ERROR_GPU_IS_LOST}); {@code
 *     null} when read, and when the failure says nothing about the GPU ({@code
 *     NVML_ERROR_NOT_SUPPORTED}, as on a MIG instance)
 * @param message what was read, or why not, naming the library, function and code
 */
public record UtilizationReading(
    int deviceIndex,
    OptionalInt gpuPercent,
    OptionalInt memoryPercent,
    ProbeCause cause,
    String message) {

  /**
   * Validates the fields: a reading has both percentages and no cause.
   *
   * @param deviceIndex the CUDA ordinal the reading is for
   * @param gpuPercent percent of time a kernel ran, or empty when not read
   * @param memoryPercent percent of time memory was accessed, or empty when not read
   * @param cause when not read, what the failure says about the GPU runtime, or {@code null}
   * @param message what was read, or why not
   */
  public UtilizationReading {
    Objects.requireNonNull(gpuPercent, "gpuPercent");
    Objects.requireNonNull(memoryPercent, "memoryPercent");
    Objects.requireNonNull(message, "message");
    if (gpuPercent.isPresent() != memoryPercent.isPresent()) {
      throw new IllegalArgumentException("both percentages or neither");
    }
    if (gpuPercent.isPresent() && cause != null) {
      throw new IllegalArgumentException("a reading that was read has no cause");
    }
  }

  /**
   * A successful reading.
   *
   * @param deviceIndex the CUDA ordinal
   * @param gpuPercent percent of time a kernel ran
   * @param memoryPercent percent of time memory was accessed
   * @param message what was read
   * @return the reading
   */
  public static UtilizationReading read(
      int deviceIndex, int gpuPercent, int memoryPercent, String message) {
    return new UtilizationReading(
        deviceIndex, OptionalInt.of(gpuPercent), OptionalInt.of(memoryPercent), null, message);
  }

  /**
   * A reading that could not be taken.
   *
   * @param deviceIndex the CUDA ordinal
   * @param cause what the failure says about the GPU runtime, or {@code null}
   * @param message why not
   * @return the reading
   */
  public static UtilizationReading notRead(int deviceIndex, ProbeCause cause, String message) {
    return new UtilizationReading(
        deviceIndex, OptionalInt.empty(), OptionalInt.empty(), cause, message);
  }

  /** {@return whether NVML gave the percentages} */
  public boolean isRead() {
    return gpuPercent.isPresent();
  }
}
