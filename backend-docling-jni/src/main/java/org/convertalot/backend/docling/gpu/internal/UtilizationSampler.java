package org.convertalot.backend.docling.gpu.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.convertalot.backend.docling.gpu.UtilizationReading;

/**
 * Reads GPU utilization through NVML ({@code nvmlDeviceGetUtilizationRates}) for a device given by
 * its CUDA ordinal. The ordinal is matched to NVML's device by PCI bus id ({@code
 * cuDeviceGetPCIBusId}, then {@code nvmlDeviceGetHandleByPciBusId_v2}), because NVML numbers GPUs
 * in bus order and ignores {@code CUDA_VISIBLE_DEVICES} while CUDA does neither; when CUDA cannot
 * say, NVML's own index is used and the reading says so. NVML is initialized once, on the first
 * reading, and shut down by {@link #close()}.
 *
 * <p>Readings never throw: NVML absent is an empty reading with {@code driver_missing}, an NVML
 * code is an empty reading with that code's cause ({@code NVML_ERROR_NOT_SUPPORTED}: no cause).
 */
public final class UtilizationSampler implements AutoCloseable {

  /** An NVML device matched to a CUDA ordinal. */
  private record Target(long handle, String description) {}

  /** A target, or the reading that explains why there is none. */
  private record Resolution(Target target, UtilizationReading failure) {}

  private final DriverLibraries libraries;
  private final NvmlSession nvml;
  private final Map<Integer, Target> targets = new HashMap<>();

  /**
   * A sampler over the given libraries; loads nothing until the first reading.
   *
   * @param libraries where the bindings come from
   */
  public UtilizationSampler(DriverLibraries libraries) {
    this.libraries = libraries;
    this.nvml = new NvmlSession(libraries::nvml);
  }

  /**
   * Reads the utilization of one GPU now.
   *
   * @param deviceIndex the CUDA ordinal, as {@link org.convertalot.api.backend.GpuDevice#index()}
   * @return the reading, or an empty one with the reason
   * @throws IllegalArgumentException when the index is negative
   */
  public synchronized UtilizationReading read(int deviceIndex) {
    if (deviceIndex < 0) {
      throw new IllegalArgumentException("device index " + deviceIndex + " is negative");
    }
    if (!nvml.open()) {
      NvmlSession.Problem problem = nvml.problem();
      return UtilizationReading.notRead(
          deviceIndex,
          problem.cause(),
          problem.message() + " GPU utilization is read through NVML only.");
    }
    String step = "finding the NVML device";
    try {
      Target target = targets.get(deviceIndex);
      if (target == null) {
        Resolution resolution = resolve(deviceIndex);
        if (resolution.failure() != null) {
          return resolution.failure();
        }
        target = resolution.target();
        targets.put(deviceIndex, target);
      }
      step = "nvmlDeviceGetUtilizationRates";
      CallResult<Nvml.Utilization> rates = nvml.nvml().utilization(target.handle());
      if (!rates.succeeded()) {
        return notRead(deviceIndex, nvml.problem(step, rates.code()));
      }
      return UtilizationReading.read(
          deviceIndex,
          rates.value().gpuPercent(),
          rates.value().memoryPercent(),
          target.description()
              + ": GPU "
              + rates.value().gpuPercent()
              + "% busy, memory "
              + rates.value().memoryPercent()
              + "% busy.");
    } catch (LinkageError | RuntimeException e) {
      return notRead(deviceIndex, nvml.linkageProblem(step, e));
    }
  }

  private Resolution resolve(int deviceIndex) {
    Optional<String> busId = cudaPciBusId(deviceIndex);
    CallResult<Long> handle;
    String function;
    String mapping;
    if (busId.isPresent()) {
      function = "nvmlDeviceGetHandleByPciBusId_v2(" + busId.get() + ")";
      handle = nvml.nvml().handleByPciBusId(busId.get());
      mapping = "PCI " + busId.get();
    } else {
      function = "nvmlDeviceGetHandleByIndex_v2(" + deviceIndex + ")";
      handle = nvml.nvml().handleByIndex(deviceIndex);
      mapping = "NVML's index, CUDA could not give its PCI bus id";
    }
    if (!handle.succeeded()) {
      return new Resolution(null, notRead(deviceIndex, nvml.problem(function, handle.code())));
    }
    CallResult<String> name = nvml.nvml().name(handle.value());
    String label = name.succeeded() && !name.value().isBlank() ? name.value().strip() + ", " : "";
    return new Resolution(
        new Target(handle.value(), "GPU " + deviceIndex + " (" + label + mapping + ")"), null);
  }

  /** The CUDA device's PCI bus id, or empty when CUDA is absent or cannot say. */
  private Optional<String> cudaPciBusId(int ordinal) {
    try {
      Loaded<CudaDriver> cuda = libraries.cuda();
      if (!cuda.isBound() || cuda.binding().init(0) != 0) {
        return Optional.empty();
      }
      CallResult<Integer> device = cuda.binding().device(ordinal);
      if (!device.succeeded()) {
        return Optional.empty();
      }
      CallResult<String> busId = cuda.binding().pciBusId(device.value());
      return busId.succeeded() && !busId.value().isBlank()
          ? Optional.of(busId.value().strip())
          : Optional.empty();
    } catch (LinkageError | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static UtilizationReading notRead(int deviceIndex, NvmlSession.Problem problem) {
    return UtilizationReading.notRead(deviceIndex, problem.cause(), problem.message());
  }

  /** Shuts NVML down if a reading initialized it; later readings are empty. */
  @Override
  public synchronized void close() {
    nvml.close();
    targets.clear();
  }
}
