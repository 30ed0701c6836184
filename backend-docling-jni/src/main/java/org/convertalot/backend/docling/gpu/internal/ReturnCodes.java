package org.convertalot.backend.docling.gpu.internal;

import java.util.Map;
import java.util.Optional;
import org.convertalot.api.backend.ProbeCause;

/**
 * What each CUDA, NVML and HIP status code means for the probe: its name, the {@link ProbeCause} it
 * stands for, and how to fix it. Every code not listed fails closed as {@code device_unusable}: the
 * driver answered, so something is there, but it cannot be used.
 */
final class ReturnCodes {

  /**
   * The meaning of one status code.
   *
   * @param name the code's C name, for example {@code CUDA_ERROR_NO_DEVICE}
   * @param cause what it says about the GPU runtime, or {@code null} when it says nothing (NVML's
   *     {@code NOT_SUPPORTED})
   * @param hint what to check or do, in one or two sentences
   */
  record Meaning(String name, ProbeCause cause, String hint) {}

  static final String CUDA_DRIVER_MISSING_HINT =
      "Install the NVIDIA driver, which provides libcuda.so.1 (the CUDA toolkit alone does not);"
          + " in a container, run with --gpus all and NVIDIA_DRIVER_CAPABILITIES including compute.";

  static final String CONTAINER_COMPUTE_HINT =
      "The driver is installed but libcuda.so.1 is not visible to this process: in a container,"
          + " NVIDIA_DRIVER_CAPABILITIES must include compute (utility alone mounts NVML only).";

  static final String HIP_MISSING_HINT =
      "For an AMD GPU, install ROCm (the HIP runtime, libamdhip64.so).";

  private static final String CHECK_DEVICE =
      "Check nvidia-smi and the kernel log (dmesg) for Xid errors; a GPU reset or reboot may be"
          + " needed.";

  private static final String DEVICE_FILES =
      "check that /dev/nvidia* exist and this user may open them (in a container, the cgroup device"
          + " rules).";

  private static final Map<Integer, Meaning> CUDA =
      Map.ofEntries(
          Map.entry(1, unusable("CUDA_ERROR_INVALID_VALUE", CHECK_DEVICE)),
          Map.entry(
              2,
              unusable(
                  "CUDA_ERROR_OUT_OF_MEMORY",
                  "The driver ran out of memory while initializing; free what other processes hold.")),
          Map.entry(3, unusable("CUDA_ERROR_NOT_INITIALIZED", CHECK_DEVICE)),
          Map.entry(
              34,
              new Meaning(
                  "CUDA_ERROR_STUB_LIBRARY",
                  ProbeCause.DRIVER_MISSING,
                  "This is the CUDA toolkit's stub library (its stubs folder), found before the"
                      + " driver's: take the stubs folder out of LD_LIBRARY_PATH and install the"
                      + " NVIDIA driver.")),
          Map.entry(
              46,
              unusable(
                  "CUDA_ERROR_DEVICE_UNAVAILABLE",
                  "The GPU is in exclusive-process compute mode and another process holds it: wait"
                      + " for it, or set the default mode (nvidia-smi -c DEFAULT).")),
          Map.entry(
              100,
              new Meaning(
                  "CUDA_ERROR_NO_DEVICE",
                  ProbeCause.NO_DEVICE,
                  "No NVIDIA GPU is visible to this process: check nvidia-smi, that"
                      + " CUDA_VISIBLE_DEVICES does not hide every device, and in a container that"
                      + " the GPUs are passed in (--gpus all).")),
          Map.entry(101, unusable("CUDA_ERROR_INVALID_DEVICE", CHECK_DEVICE)),
          Map.entry(102, unusable("CUDA_ERROR_DEVICE_NOT_LICENSED", CHECK_DEVICE)),
          Map.entry(
              304,
              unusable(
                  "CUDA_ERROR_OPERATING_SYSTEM",
                  "An operating system call failed: " + DEVICE_FILES)),
          Map.entry(
              800,
              unusable("CUDA_ERROR_NOT_PERMITTED", "The driver refused the call: " + DEVICE_FILES)),
          Map.entry(
              802,
              unusable(
                  "CUDA_ERROR_SYSTEM_NOT_READY",
                  "The system is not ready: on NVSwitch systems start nvidia-fabricmanager; check"
                      + " nvidia-smi.")),
          Map.entry(
              803,
              new Meaning(
                  "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH",
                  ProbeCause.DRIVER_MISMATCH,
                  "The user-space driver and the loaded kernel module are different versions:"
                      + " reboot after a driver upgrade; in a container, use the host's driver"
                      + " libraries, not a driver installed in the image.")),
          Map.entry(
              804,
              new Meaning(
                  "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE",
                  ProbeCause.DRIVER_MISMATCH,
                  "CUDA forward compatibility (the cuda-compat libcuda) does not support this GPU:"
                      + " take the compat folder out of LD_LIBRARY_PATH or upgrade the driver.")),
          Map.entry(
              805,
              unusable(
                  "CUDA_ERROR_MPS_CONNECTION_FAILED",
                  "The CUDA MPS server cannot be reached: start nvidia-cuda-mps-control or unset"
                      + " CUDA_MPS_PIPE_DIRECTORY.")),
          Map.entry(999, unusable("CUDA_ERROR_UNKNOWN", CHECK_DEVICE)));

  private static final Map<Integer, Meaning> NVML =
      Map.ofEntries(
          Map.entry(1, unusable("NVML_ERROR_UNINITIALIZED", CHECK_DEVICE)),
          Map.entry(2, unusable("NVML_ERROR_INVALID_ARGUMENT", CHECK_DEVICE)),
          Map.entry(
              3,
              new Meaning(
                  "NVML_ERROR_NOT_SUPPORTED",
                  null,
                  "NVML does not report this for the device (for example a MIG instance or a"
                      + " vGPU).")),
          Map.entry(4, unusable("NVML_ERROR_NO_PERMISSION", "No permission: " + DEVICE_FILES)),
          Map.entry(
              6,
              new Meaning("NVML_ERROR_NOT_FOUND", ProbeCause.NO_DEVICE, "NVML found no such GPU.")),
          Map.entry(
              9,
              new Meaning(
                  "NVML_ERROR_DRIVER_NOT_LOADED",
                  ProbeCause.DRIVER_MISSING,
                  "The NVIDIA kernel module is not loaded: install the driver or load it (modprobe"
                      + " nvidia).")),
          Map.entry(10, unusable("NVML_ERROR_TIMEOUT", CHECK_DEVICE)),
          Map.entry(
              12,
              new Meaning(
                  "NVML_ERROR_LIBRARY_NOT_FOUND",
                  ProbeCause.DRIVER_MISSING,
                  "NVML could not find the driver's libraries: install the NVIDIA driver.")),
          Map.entry(
              15,
              unusable(
                  "NVML_ERROR_GPU_IS_LOST",
                  "The GPU has fallen off the bus (see dmesg for Xid 79): it needs a reset or a"
                      + " reboot.")),
          Map.entry(16, unusable("NVML_ERROR_RESET_REQUIRED", "The GPU needs a reset.")),
          Map.entry(
              17,
              unusable(
                  "NVML_ERROR_OPERATING_SYSTEM",
                  "An operating system call failed, often because " + DEVICE_FILES)),
          Map.entry(
              18,
              new Meaning(
                  "NVML_ERROR_LIB_RM_VERSION_MISMATCH",
                  ProbeCause.DRIVER_MISMATCH,
                  "NVML and the loaded kernel module are different versions: reboot after a"
                      + " driver upgrade.")),
          Map.entry(
              28,
              new Meaning(
                  "NVML_ERROR_GPU_NOT_FOUND", ProbeCause.NO_DEVICE, "NVML found no such GPU.")),
          Map.entry(999, unusable("NVML_ERROR_UNKNOWN", CHECK_DEVICE)));

  private static final Map<Integer, Meaning> HIP =
      Map.ofEntries(
          Map.entry(1, unusable("hipErrorInvalidValue", "Check rocminfo and the kernel log.")),
          Map.entry(2, unusable("hipErrorOutOfMemory", "Free what other processes hold.")),
          Map.entry(3, unusable("hipErrorNotInitialized", "Check rocminfo and the kernel log.")),
          Map.entry(
              35,
              new Meaning(
                  "hipErrorInsufficientDriver",
                  ProbeCause.DRIVER_MISMATCH,
                  "The amdgpu kernel driver is older than this HIP runtime: install the amdgpu"
                      + " driver of the same ROCm release.")),
          Map.entry(
              100,
              new Meaning(
                  "hipErrorNoDevice",
                  ProbeCause.NO_DEVICE,
                  "No AMD GPU is visible to this process: check rocminfo, HIP_VISIBLE_DEVICES and"
                      + " ROCR_VISIBLE_DEVICES, that this user may open /dev/kfd and /dev/dri (the"
                      + " render and video groups), and in a container that both are passed in.")),
          Map.entry(101, unusable("hipErrorInvalidDevice", "Check rocminfo and the kernel log.")),
          Map.entry(999, unusable("hipErrorUnknown", "Check rocminfo and the kernel log.")));

  private ReturnCodes() {}

  /**
   * The meaning of a {@code CUresult}.
   *
   * @param code a non-zero code
   * @return its meaning; unknown codes are {@code device_unusable}
   */
  static Meaning cuda(int code) {
    return CUDA.getOrDefault(code, unusable("an unknown CUresult", CHECK_DEVICE));
  }

  /**
   * The meaning of an {@code nvmlReturn_t}.
   *
   * @param code a non-zero code
   * @return its meaning; unknown codes are {@code device_unusable}
   */
  static Meaning nvml(int code) {
    return NVML.getOrDefault(code, unusable("an unknown nvmlReturn_t", CHECK_DEVICE));
  }

  /**
   * The meaning of a {@code hipError_t}.
   *
   * @param code a non-zero code
   * @return its meaning; unknown codes are {@code device_unusable}
   */
  static Meaning hip(int code) {
    return HIP.getOrDefault(
        code, unusable("an unknown hipError_t", "Check rocminfo and the kernel log."));
  }

  /**
   * One sentence naming the library, the function, the code, its name and its cause, then the hint:
   * {@code libcuda.so.1: cuInit returned 803 CUDA_ERROR_SYSTEM_DRIVER_MISMATCH (driver_mismatch).
   * The user-space driver ...}.
   *
   * @param library the library, as {@link Loaded#describe()} names it
   * @param function the C function called
   * @param code what it returned
   * @param nameFromLibrary the library's own name or description of the code, when it gave one
   * @param meaning the code's meaning
   * @return the message
   */
  static String describe(
      String library,
      String function,
      int code,
      Optional<String> nameFromLibrary,
      Meaning meaning) {
    String name = nameFromLibrary.filter(n -> !n.isBlank()).orElse(meaning.name());
    if (!name.equals(meaning.name()) && !meaning.name().startsWith("an unknown")) {
      name = meaning.name() + " \"" + name + "\"";
    }
    String cause = meaning.cause() == null ? "" : " (" + meaning.cause().code() + ")";
    return library
        + ": "
        + function
        + " returned "
        + code
        + " "
        + name
        + cause
        + ". "
        + meaning.hint();
  }

  /**
   * Formats {@code cuDriverGetVersion}'s value (1000 × major + 10 × minor).
   *
   * @param version for example 12040
   * @return for example {@code 12.4}
   */
  static String cudaVersion(int version) {
    return (version / 1000) + "." + (version % 1000) / 10;
  }

  /**
   * Formats {@code hipRuntimeGetVersion}'s value (major × 10⁷ + minor × 10⁵ + patch).
   *
   * @param version for example 60140092
   * @return for example {@code 6.1}
   */
  static String hipVersion(int version) {
    return (version / 10_000_000) + "." + (version / 100_000) % 100;
  }

  private static Meaning unusable(String name, String hint) {
    return new Meaning(name, ProbeCause.DEVICE_UNUSABLE, hint);
  }
}
