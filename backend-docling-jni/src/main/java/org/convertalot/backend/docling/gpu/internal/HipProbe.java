package org.convertalot.backend.docling.gpu.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;

/**
 * One probe of the HIP runtime on ROCm: {@code hipGetDeviceCount} (which initializes HIP), {@code
 * hipRuntimeGetVersion}, then per device {@code hipDeviceGetName}, {@code hipDeviceTotalMem} and
 * {@code hipDeviceComputeCapability}. No context, stream or allocation function is called.
 *
 * <p>As for CUDA, a failing count, name or memory call makes the result unavailable with the code's
 * cause; an unreadable capability or version is only left unknown.
 */
final class HipProbe {

  private final Loaded<Hip> loaded;
  private final Hip hip;

  /**
   * A probe of a loaded HIP runtime.
   *
   * @param loaded the runtime, which must be bound
   */
  HipProbe(Loaded<Hip> loaded) {
    this.loaded = loaded;
    this.hip = loaded.binding();
  }

  /** {@return the result; never throws} */
  ProbeResult run() {
    String step = "hipGetDeviceCount";
    try {
      CallResult<Integer> count = hip.deviceCount();
      if (!count.succeeded()) {
        return failed(step, count.code());
      }
      if (count.value() <= 0) {
        return ProbeResult.unavailable(
            Acceleration.ROCM,
            ProbeCause.NO_DEVICE,
            loaded.describe()
                + ": hipGetDeviceCount found no device. "
                + ReturnCodes.hip(100).hint());
      }
      String version = runtimeVersion();
      List<GpuDevice> devices = new ArrayList<>();
      for (int device = 0; device < count.value(); device++) {
        step = "hipDeviceGetName";
        CallResult<String> name = hip.deviceName(device);
        if (!name.succeeded()) {
          return failed(step + "(" + device + ")", name.code());
        }
        step = "hipDeviceTotalMem";
        CallResult<Long> memory = hip.totalMemory(device);
        if (!memory.succeeded()) {
          return failed(step + "(" + device + ")", memory.code());
        }
        String displayName = name.value().isBlank() ? "HIP device " + device : name.value().strip();
        devices.add(new GpuDevice(device, displayName, memory.value(), capability(device)));
      }
      return new ProbeResult(
          true, Acceleration.ROCM, devices, version, null, summary(version, devices));
    } catch (LinkageError | RuntimeException e) {
      return ProbeResult.unavailable(
          Acceleration.ROCM,
          ProbeCause.DRIVER_MISSING,
          loaded.describe()
              + ": calling "
              + step
              + " failed ("
              + NativeLoader.oneLine(e)
              + "); this is not a usable HIP runtime. "
              + ReturnCodes.HIP_MISSING_HINT);
    }
  }

  private ProbeResult failed(String function, int code) {
    ReturnCodes.Meaning meaning = ReturnCodes.hip(code);
    Optional<String> name;
    try {
      name = hip.errorName(code);
    } catch (LinkageError | RuntimeException e) {
      name = Optional.empty();
    }
    return ProbeResult.unavailable(
        Acceleration.ROCM,
        meaning.cause(),
        ReturnCodes.describe(loaded.describe(), function, code, name, meaning));
  }

  private String runtimeVersion() {
    try {
      CallResult<Integer> version = hip.runtimeVersion();
      return version.succeeded() ? ReturnCodes.hipVersion(version.value()) : null;
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }

  private String capability(int device) {
    try {
      CallResult<String> capability = hip.computeCapability(device);
      return capability.succeeded() ? capability.value() : null;
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }

  private String summary(String version, List<GpuDevice> devices) {
    return "HIP runtime "
        + (version == null ? "(version unknown)" : version)
        + " through "
        + loaded.describe()
        + ": "
        + CudaProbe.describeDevices(devices);
  }
}
