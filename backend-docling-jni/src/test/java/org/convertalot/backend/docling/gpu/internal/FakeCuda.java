package org.convertalot.backend.docling.gpu.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A scripted CUDA driver. Its {@code CUdevice} handles are ordinal + 100, so a probe that passes an
 * ordinal where a handle belongs gets {@code CUDA_ERROR_INVALID_DEVICE}.
 */
public final class FakeCuda extends FakeNative implements CudaDriver {

  /** One fake GPU. */
  public record Gpu(String name, long memoryBytes, int major, int minor, String pciBusId) {}

  public static final long GIB = 1L << 30;
  public static final Gpu A100 = new Gpu("NVIDIA A100-SXM4-80GB", 80 * GIB, 8, 0, "0000:41:00.0");
  public static final Gpu H200 = new Gpu("NVIDIA H200", 141 * GIB, 9, 0, "0000:42:00.0");

  private static final int HANDLE_OFFSET = 100;
  private static final Map<Integer, String> NAMES =
      Map.of(
          34, "CUDA_ERROR_STUB_LIBRARY",
          100, "CUDA_ERROR_NO_DEVICE",
          101, "CUDA_ERROR_INVALID_DEVICE",
          222, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION",
          803, "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH");

  private List<Gpu> gpus = List.of(A100, H200);
  private int driverVersion = 12040;
  private boolean knowsErrorNames = true;

  /** Makes a function return a code. */
  public FakeCuda returning(String function, int code) {
    script(function, code);
    return this;
  }

  /** Makes a function throw. */
  public FakeCuda throwing(String function, Throwable thrown) {
    scriptThrow(function, thrown);
    return this;
  }

  /** Sets the GPUs. */
  public FakeCuda withGpus(Gpu... gpus) {
    this.gpus = List.of(gpus);
    return this;
  }

  /** Sets the cuDriverGetVersion value. */
  public FakeCuda withDriverVersion(int version) {
    this.driverVersion = version;
    return this;
  }

  /** Makes cuGetErrorName fail for every code, as an old driver might. */
  public FakeCuda withoutErrorNames() {
    this.knowsErrorNames = false;
    return this;
  }

  @Override
  public int init(int flags) {
    return enter("cuInit");
  }

  @Override
  public CallResult<Integer> driverVersion() {
    int code = enter("cuDriverGetVersion");
    return code == 0 ? CallResult.ok(driverVersion) : CallResult.failed(code);
  }

  @Override
  public CallResult<Integer> deviceCount() {
    int code = enter("cuDeviceGetCount");
    return code == 0 ? CallResult.ok(gpus.size()) : CallResult.failed(code);
  }

  @Override
  public CallResult<Integer> device(int ordinal) {
    int code = enter("cuDeviceGet");
    if (code != 0) {
      return CallResult.failed(code);
    }
    return ordinal < gpus.size() ? CallResult.ok(ordinal + HANDLE_OFFSET) : CallResult.failed(101);
  }

  @Override
  public CallResult<String> deviceName(int device) {
    int code = enter("cuDeviceGetName");
    return code == 0 ? byHandle(device, Gpu::name) : CallResult.failed(code);
  }

  @Override
  public CallResult<Long> totalMemory(int device) {
    int code = enter("cuDeviceTotalMem_v2");
    return code == 0 ? byHandle(device, Gpu::memoryBytes) : CallResult.failed(code);
  }

  @Override
  public CallResult<Integer> attribute(int attribute, int device) {
    int code = enter("cuDeviceGetAttribute");
    if (code != 0) {
      return CallResult.failed(code);
    }
    return switch (attribute) {
      case COMPUTE_CAPABILITY_MAJOR -> byHandle(device, Gpu::major);
      case COMPUTE_CAPABILITY_MINOR -> byHandle(device, Gpu::minor);
      default -> CallResult.failed(1);
    };
  }

  @Override
  public CallResult<String> pciBusId(int device) {
    int code = enter("cuDeviceGetPCIBusId");
    return code == 0 ? byHandle(device, Gpu::pciBusId) : CallResult.failed(code);
  }

  @Override
  public Optional<String> errorName(int code) {
    enter("cuGetErrorName");
    return knowsErrorNames ? Optional.ofNullable(NAMES.get(code)) : Optional.empty();
  }

  private <T> CallResult<T> byHandle(int device, Function<Gpu, T> field) {
    int ordinal = device - HANDLE_OFFSET;
    return ordinal >= 0 && ordinal < gpus.size()
        ? CallResult.ok(field.apply(gpus.get(ordinal)))
        : CallResult.failed(101);
  }
}
