package org.convertalot.backend.docling.gpu.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;

/**
 * One probe of the CUDA driver API: {@code cuInit}, {@code cuDriverGetVersion}, {@code
 * cuDeviceGetCount}, then per device {@code cuDeviceGet}, {@code cuDeviceGetName}, {@code
 * cuDeviceTotalMem_v2} and the compute capability ({@code cuDeviceGetAttribute} 75/76). No context
 * is created and no device memory is touched.
 *
 * <p>A failing {@code cuInit}, count, {@code cuDeviceGet}, name or memory call makes the whole
 * result unavailable with the code's cause (fail closed); an unreadable capability is only left
 * unknown. A blank CUDA name is replaced by NVML's for the same PCI bus id when one is given.
 */
final class CudaProbe {

  private final Loaded<CudaDriver> loaded;
  private final CudaDriver cuda;
  private final Function<String, Optional<String>> nvmlNameByPciBusId;

  /**
   * A probe of a loaded driver.
   *
   * @param loaded the driver, which must be bound
   * @param nvmlNameByPciBusId NVML's name for a PCI bus id, used only for a blank CUDA name
   */
  CudaProbe(Loaded<CudaDriver> loaded, Function<String, Optional<String>> nvmlNameByPciBusId) {
    this.loaded = loaded;
    this.cuda = loaded.binding();
    this.nvmlNameByPciBusId = nvmlNameByPciBusId;
  }

  /**
   * The result for a CUDA driver that could not be loaded.
   *
   * @param loaded the failed load
   * @return {@code driver_missing}, naming the library and why it did not load
   */
  static ProbeResult missing(Loaded<CudaDriver> loaded) {
    return ProbeResult.unavailable(
        Acceleration.CUDA,
        ProbeCause.DRIVER_MISSING,
        loaded.library()
            + " could not be loaded ("
            + loaded.failure()
            + "). "
            + ReturnCodes.CUDA_DRIVER_MISSING_HINT);
  }

  /** {@return the result; never throws} */
  ProbeResult run() {
    String step = "cuInit";
    try {
      int init = cuda.init(0);
      if (init != 0) {
        return failed(step, init, driverVersionNote());
      }
      step = "cuDriverGetVersion";
      CallResult<Integer> version = cuda.driverVersion();
      String driverVersion = version.succeeded() ? ReturnCodes.cudaVersion(version.value()) : null;
      step = "cuDeviceGetCount";
      CallResult<Integer> count = cuda.deviceCount();
      if (!count.succeeded()) {
        return failed(step, count.code(), "");
      }
      if (count.value() <= 0) {
        return ProbeResult.unavailable(
            Acceleration.CUDA,
            ProbeCause.NO_DEVICE,
            loaded.describe()
                + ": cuDeviceGetCount found no device. "
                + ReturnCodes.cuda(100).hint());
      }
      List<GpuDevice> devices = new ArrayList<>();
      for (int ordinal = 0; ordinal < count.value(); ordinal++) {
        step = "cuDeviceGet";
        CallResult<Integer> device = cuda.device(ordinal);
        if (!device.succeeded()) {
          return failed(step + "(" + ordinal + ")", device.code(), "");
        }
        step = "cuDeviceGetName";
        CallResult<String> name = cuda.deviceName(device.value());
        if (!name.succeeded()) {
          return failed(step + "(" + ordinal + ")", name.code(), "");
        }
        step = "cuDeviceTotalMem_v2";
        CallResult<Long> memory = cuda.totalMemory(device.value());
        if (!memory.succeeded()) {
          return failed(step + "(" + ordinal + ")", memory.code(), "");
        }
        devices.add(
            new GpuDevice(
                ordinal,
                displayName(ordinal, device.value(), name.value()),
                memory.value(),
                capability(device.value())));
      }
      return new ProbeResult(
          true, Acceleration.CUDA, devices, driverVersion, null, summary(driverVersion, devices));
    } catch (LinkageError | RuntimeException e) {
      return ProbeResult.unavailable(
          Acceleration.CUDA,
          ProbeCause.DRIVER_MISSING,
          loaded.describe()
              + ": calling "
              + step
              + " failed ("
              + NativeLoader.oneLine(e)
              + "); this is not a usable CUDA driver. "
              + ReturnCodes.CUDA_DRIVER_MISSING_HINT);
    }
  }

  private ProbeResult failed(String function, int code, String note) {
    ReturnCodes.Meaning meaning = ReturnCodes.cuda(code);
    String message =
        ReturnCodes.describe(loaded.describe(), function, code, errorName(code), meaning);
    return ProbeResult.unavailable(Acceleration.CUDA, meaning.cause(), message + note);
  }

  /** After a failed cuInit, the driver's version still helps with a mismatch. */
  private String driverVersionNote() {
    try {
      CallResult<Integer> version = cuda.driverVersion();
      return version.succeeded()
          ? " (The library reports CUDA driver API "
              + ReturnCodes.cudaVersion(version.value())
              + ".)"
          : "";
    } catch (LinkageError | RuntimeException e) {
      return "";
    }
  }

  private Optional<String> errorName(int code) {
    try {
      return cuda.errorName(code);
    } catch (LinkageError | RuntimeException e) {
      return Optional.empty();
    }
  }

  private String capability(int device) {
    try {
      CallResult<Integer> major = cuda.attribute(CudaDriver.COMPUTE_CAPABILITY_MAJOR, device);
      CallResult<Integer> minor = cuda.attribute(CudaDriver.COMPUTE_CAPABILITY_MINOR, device);
      return major.succeeded() && minor.succeeded() ? major.value() + "." + minor.value() : null;
    } catch (LinkageError | RuntimeException e) {
      return null;
    }
  }

  private String displayName(int ordinal, int device, String cudaName) {
    if (cudaName != null && !cudaName.isBlank()) {
      return cudaName.strip();
    }
    try {
      CallResult<String> busId = cuda.pciBusId(device);
      if (busId.succeeded()) {
        Optional<String> nvmlName = nvmlNameByPciBusId.apply(busId.value());
        if (nvmlName.isPresent()) {
          return nvmlName.get();
        }
      }
    } catch (LinkageError | RuntimeException e) {
      // The name is only for people; fall through to a neutral one.
    }
    return "CUDA device " + ordinal;
  }

  private String summary(String driverVersion, List<GpuDevice> devices) {
    return "CUDA driver API "
        + (driverVersion == null ? "(version unknown)" : driverVersion)
        + " through "
        + loaded.describe()
        + ": "
        + describeDevices(devices);
  }

  /**
   * The devices for a message: {@code 2 devices (0: NVIDIA H200, capability 9.0, 139.8 GiB; ...).}
   *
   * @param devices the devices found
   * @return the text
   */
  static String describeDevices(List<GpuDevice> devices) {
    StringBuilder text =
        new StringBuilder()
            .append(devices.size())
            .append(devices.size() == 1 ? " device" : " devices");
    String separator = " (";
    for (GpuDevice device : devices) {
      text.append(separator).append(device.index()).append(": ").append(device.name());
      if (device.capability() != null) {
        text.append(", capability ").append(device.capability());
      }
      text.append(", ").append(gibibytes(device.totalMemoryBytes()));
      separator = "; ";
    }
    return text.append(").").toString();
  }

  private static String gibibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
  }
}
