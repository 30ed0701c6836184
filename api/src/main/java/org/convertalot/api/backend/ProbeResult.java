package org.convertalot.api.backend;

import java.util.List;
import java.util.Objects;
import org.convertalot.api.Acceleration;

/**
 * What an engine's probe found: whether it can run here, on which acceleration, with which devices
 * and driver, and the cause when it cannot.
 *
 * @param available whether the engine can convert here
 * @param acceleration the acceleration it would use
 * @param devices the GPUs found (empty for CPU engines)
 * @param driverVersion the driver version as {@code major.minor} (CUDA: the driver API version, for
 *     example {@code 12.4}; ROCm: the HIP runtime version), or {@code null}
 * @param cause why it is unavailable, or {@code null} when available
 * @param message a human readable explanation, including the command that fixes it when known
 */
public record ProbeResult(
    boolean available,
    Acceleration acceleration,
    List<GpuDevice> devices,
    String driverVersion,
    ProbeCause cause,
    String message) {

  /**
   * Validates the fields: an unavailable result has a cause, an available one none.
   *
   * @param available whether the engine can convert here
   * @param acceleration the acceleration it would use
   * @param devices the GPUs found (empty for CPU engines)
   * @param driverVersion the driver version as {@code major.minor} (CUDA: the driver API version,
   *     for example {@code 12.4}; ROCm: the HIP runtime version), or {@code null}
   * @param cause why it is unavailable, or {@code null} when available
   * @param message a human readable explanation, including the command that fixes it when known
   */
  public ProbeResult {
    Objects.requireNonNull(acceleration, "acceleration");
    devices = devices == null ? List.of() : List.copyOf(devices);
    message = message == null ? "" : message;
    if (available && cause != null) {
      throw new IllegalArgumentException("an available probe has no cause");
    }
    if (!available && cause == null) {
      throw new IllegalArgumentException("an unavailable probe needs a cause");
    }
  }

  /**
   * A CPU engine that can run.
   *
   * @param message a human readable message
   * @return the result
   */
  public static ProbeResult cpuAvailable(String message) {
    return new ProbeResult(true, Acceleration.CPU, List.of(), null, null, message);
  }

  /**
   * An engine that can run on the given GPUs.
   *
   * @param acceleration the GPU hardware kind
   * @param devices the devices found
   * @param driverVersion the driver's version
   * @return the result
   */
  public static ProbeResult gpuAvailable(
      Acceleration acceleration, List<GpuDevice> devices, String driverVersion) {
    return new ProbeResult(true, acceleration, devices, driverVersion, null, "");
  }

  /**
   * An engine that cannot run, with the cause.
   *
   * @param acceleration the hardware the engine needs
   * @param cause why it cannot run
   * @param message a human readable message
   * @return the result
   */
  public static ProbeResult unavailable(
      Acceleration acceleration, ProbeCause cause, String message) {
    return new ProbeResult(false, acceleration, List.of(), null, cause, message);
  }
}
