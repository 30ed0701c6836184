package org.convertalot.backend.docling.gpu.internal;

import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;

/**
 * Runs the GPU probe: the CUDA driver API decides; HIP is asked only when CUDA's driver is missing
 * (absent, the toolkit's stub, or not linkable); NVML never decides. NVML is consulted for a device
 * name CUDA left blank, and for the message of a probe that found no usable GPU (what NVML sees, or
 * why it cannot say) — so a container that mounts NVML but not {@code libcuda.so.1} gets {@code
 * driver_missing} with the hint to add the {@code compute} capability. NVML's own failures ({@code
 * NVML_ERROR_LIB_RM_VERSION_MISMATCH} is {@code driver_mismatch}, {@code NO_PERMISSION}, {@code
 * GPU_IS_LOST} and {@code OPERATING_SYSTEM} are {@code device_unusable}) are named in that message
 * and decide the utilization readings, never the probe.
 *
 * <p>Nothing here creates a GPU context or holds GPU memory, and nothing throws: a missing library,
 * a missing symbol or any other linkage error is a {@code driver_missing} result.
 */
public final class ProbeRunner {

  private final DriverLibraries libraries;

  /**
   * A runner over the given libraries; loads nothing until {@link #probe()}.
   *
   * @param libraries where the bindings come from
   */
  public ProbeRunner(DriverLibraries libraries) {
    this.libraries = libraries;
  }

  /** {@return what the probe found now; never throws} */
  public synchronized ProbeResult probe() {
    try (NvmlSession nvml = new NvmlSession(libraries::nvml)) {
      return probe(nvml);
    } catch (LinkageError | RuntimeException e) {
      return ProbeResult.unavailable(
          Acceleration.CUDA,
          ProbeCause.DRIVER_MISSING,
          "The GPU probe could not use the driver libraries ("
              + NativeLoader.oneLine(e)
              + "). "
              + ReturnCodes.CUDA_DRIVER_MISSING_HINT);
    }
  }

  private ProbeResult probe(NvmlSession nvml) {
    Loaded<CudaDriver> cuda = libraries.cuda();
    ProbeResult viaCuda =
        cuda.isBound() ? new CudaProbe(cuda, nvml::nameByPciBusId).run() : CudaProbe.missing(cuda);
    if (viaCuda.available()) {
      return viaCuda;
    }
    if (viaCuda.cause() != ProbeCause.DRIVER_MISSING) {
      return withNote(viaCuda, nvml.survey().text());
    }
    Loaded<Hip> hip = libraries.hip();
    if (hip.isBound()) {
      ProbeResult viaHip = new HipProbe(hip).run();
      if (viaHip.available()) {
        return viaHip;
      }
      if (viaHip.cause() != ProbeCause.DRIVER_MISSING) {
        return prefixed(viaHip, "No CUDA driver (" + cuda.library() + " is missing). ");
      }
      return withNote(viaCuda, "ROCm: " + viaHip.message() + " " + nvmlNote(nvml));
    }
    return withNote(
        viaCuda,
        "No ROCm either: "
            + hip.library()
            + " could not be loaded ("
            + hip.failure()
            + "). "
            + ReturnCodes.HIP_MISSING_HINT
            + " "
            + nvmlNote(nvml));
  }

  /** What NVML sees when CUDA's driver is missing: GPUs there mean a container without compute. */
  private static String nvmlNote(NvmlSession nvml) {
    NvmlSession.Survey survey = nvml.survey();
    return survey.gpus() > 0
        ? survey.text() + " " + ReturnCodes.CONTAINER_COMPUTE_HINT
        : survey.text();
  }

  private static ProbeResult withNote(ProbeResult result, String note) {
    return new ProbeResult(
        false,
        result.acceleration(),
        result.devices(),
        result.driverVersion(),
        result.cause(),
        result.message() + " " + note);
  }

  private static ProbeResult prefixed(ProbeResult result, String prefix) {
    return new ProbeResult(
        false,
        result.acceleration(),
        result.devices(),
        result.driverVersion(),
        result.cause(),
        prefix + result.message());
  }
}
