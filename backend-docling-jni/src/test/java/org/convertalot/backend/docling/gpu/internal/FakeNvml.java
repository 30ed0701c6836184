package org.convertalot.backend.docling.gpu.internal;

import java.util.List;
import java.util.Optional;

/** A scripted NVML. Handles are NVML index + 1000. */
public final class FakeNvml extends FakeNative implements Nvml {

  /** One GPU as NVML lists it. */
  public record Gpu(String name, String pciBusId, int gpuPercent, int memoryPercent) {}

  private static final long HANDLE_OFFSET = 1000;

  private List<Gpu> gpus =
      List.of(
          new Gpu("NVIDIA H200 (NVML)", "00000000:42:00.0", 40, 4),
          new Gpu("NVIDIA A100-SXM4-80GB (NVML)", "00000000:41:00.0", 50, 5));

  /** Makes a function return a code. */
  public FakeNvml returning(String function, int code) {
    script(function, code);
    return this;
  }

  /** Makes a function throw. */
  public FakeNvml throwing(String function, Throwable thrown) {
    scriptThrow(function, thrown);
    return this;
  }

  /** Sets the GPUs, in NVML's order. */
  public FakeNvml withGpus(Gpu... gpus) {
    this.gpus = List.of(gpus);
    return this;
  }

  @Override
  public int init() {
    return enter("nvmlInit_v2");
  }

  @Override
  public int shutdown() {
    return enter("nvmlShutdown");
  }

  @Override
  public CallResult<Integer> deviceCount() {
    int code = enter("nvmlDeviceGetCount_v2");
    return code == 0 ? CallResult.ok(gpus.size()) : CallResult.failed(code);
  }

  @Override
  public CallResult<Long> handleByIndex(int index) {
    int code = enter("nvmlDeviceGetHandleByIndex_v2");
    if (code != 0) {
      return CallResult.failed(code);
    }
    return index < gpus.size() ? CallResult.ok(index + HANDLE_OFFSET) : CallResult.failed(2);
  }

  @Override
  public CallResult<Long> handleByPciBusId(String pciBusId) {
    int code = enter("nvmlDeviceGetHandleByPciBusId_v2");
    if (code != 0) {
      return CallResult.failed(code);
    }
    for (int i = 0; i < gpus.size(); i++) {
      if (gpus.get(i).pciBusId().toLowerCase().endsWith(pciBusId.toLowerCase().substring(4))) {
        return CallResult.ok(i + HANDLE_OFFSET);
      }
    }
    return CallResult.failed(6);
  }

  @Override
  public CallResult<String> name(long handle) {
    int code = enter("nvmlDeviceGetName");
    return code == 0 ? CallResult.ok(gpu(handle).name()) : CallResult.failed(code);
  }

  @Override
  public CallResult<Utilization> utilization(long handle) {
    int code = enter("nvmlDeviceGetUtilizationRates");
    if (code != 0) {
      return CallResult.failed(code);
    }
    Gpu gpu = gpu(handle);
    return CallResult.ok(new Utilization(gpu.gpuPercent(), gpu.memoryPercent()));
  }

  @Override
  public Optional<String> errorString(int code) {
    enter("nvmlErrorString");
    return Optional.of("fake NVML description of " + code);
  }

  private Gpu gpu(long handle) {
    return gpus.get((int) (handle - HANDLE_OFFSET));
  }
}
