package org.convertalot.backend.docling.gpu.internal;

import java.util.List;
import java.util.Optional;

/** A scripted HIP runtime. */
public final class FakeHip extends FakeNative implements Hip {

  /** One fake GPU. */
  public record Gpu(String name, long memoryBytes, String capability) {}

  public static final Gpu MI300X = new Gpu("AMD Instinct MI300X", 192 * FakeCuda.GIB, "9.4");

  private List<Gpu> gpus = List.of(MI300X);

  /** Makes a function return a code. */
  public FakeHip returning(String function, int code) {
    script(function, code);
    return this;
  }

  /** Makes a function throw. */
  public FakeHip throwing(String function, Throwable thrown) {
    scriptThrow(function, thrown);
    return this;
  }

  /** Sets the GPUs. */
  public FakeHip withGpus(Gpu... gpus) {
    this.gpus = List.of(gpus);
    return this;
  }

  @Override
  public CallResult<Integer> deviceCount() {
    int code = enter("hipGetDeviceCount");
    return code == 0 ? CallResult.ok(gpus.size()) : CallResult.failed(code);
  }

  @Override
  public CallResult<Integer> runtimeVersion() {
    int code = enter("hipRuntimeGetVersion");
    return code == 0 ? CallResult.ok(60_140_092) : CallResult.failed(code);
  }

  @Override
  public CallResult<String> deviceName(int device) {
    int code = enter("hipDeviceGetName");
    return code == 0 ? CallResult.ok(gpus.get(device).name()) : CallResult.failed(code);
  }

  @Override
  public CallResult<Long> totalMemory(int device) {
    int code = enter("hipDeviceTotalMem");
    return code == 0 ? CallResult.ok(gpus.get(device).memoryBytes()) : CallResult.failed(code);
  }

  @Override
  public CallResult<String> computeCapability(int device) {
    int code = enter("hipDeviceComputeCapability");
    return code == 0 ? CallResult.ok(gpus.get(device).capability()) : CallResult.failed(code);
  }

  @Override
  public Optional<String> errorName(int code) {
    enter("hipGetErrorName");
    return Optional.empty();
  }
}
