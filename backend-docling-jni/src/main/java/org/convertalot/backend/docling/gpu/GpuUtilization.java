package org.convertalot.backend.docling.gpu;

import java.util.OptionalInt;
import org.convertalot.backend.docling.gpu.internal.UtilizationSampler;

/**
 * GPU utilization through NVML, for checking that a conversion really ran on the GPU (for example
 * {@code gpu-verify} sampling while a worker converts). Opened by {@link
 * GpuProbe#openUtilization()}; NVML is initialized on the first reading and shut down by {@link
 * #close()}. Device indexes are CUDA ordinals, as in {@link
 * org.convertalot.api.backend.GpuDevice#index()}, matched to NVML's devices by PCI bus id.
 * Thread-safe; no method throws for a missing or failing library.
 */
public final class GpuUtilization implements AutoCloseable {

  private final UtilizationSampler sampler;

  GpuUtilization(UtilizationSampler sampler) {
    this.sampler = sampler;
  }

  /**
   * Reads one GPU's utilization now, or why it cannot be read.
   *
   * @param deviceIndex the CUDA ordinal
   * @return the reading; empty percentages with a message when NVML is absent or fails
   * @throws IllegalArgumentException when the index is negative
   */
  public UtilizationReading read(int deviceIndex) {
    return sampler.read(deviceIndex);
  }

  /**
   * One GPU's utilization now: the percent of NVML's last sample period in which a kernel ran.
   *
   * @param deviceIndex the CUDA ordinal
   * @return the percentage, or empty when NVML is absent or cannot read it ({@link #read} says why)
   * @throws IllegalArgumentException when the index is negative
   */
  public OptionalInt utilizationPercent(int deviceIndex) {
    return read(deviceIndex).gpuPercent();
  }

  /** Shuts NVML down if a reading initialized it; later readings are empty. */
  @Override
  public void close() {
    sampler.close();
  }
}
