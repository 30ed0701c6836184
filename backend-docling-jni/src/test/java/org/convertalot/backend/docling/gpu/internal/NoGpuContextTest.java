package org.convertalot.backend.docling.gpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The probe creates no GPU context and holds no GPU memory: no binding even declares a context,
 * memory, stream or device-selection function, and a full probe and sampling call only the
 * functions listed here.
 */
class NoGpuContextTest {

  /** Context, allocation, memory-info, stream and device-selection entry points of all three. */
  private static final Pattern HOLDS_GPU_STATE =
      Pattern.compile(
          "(?i).*(ctx|context|malloc|memalloc|memgetinfo|meminfo|stream|setdevice|reset|"
              + "cuMem|hipMem|hipFree|cuLaunch|cuModule).*");

  private static final Set<String> ALLOWED_CALLS =
      Set.of(
          "cuInit",
          "cuDriverGetVersion",
          "cuDeviceGetCount",
          "cuDeviceGet",
          "cuDeviceGetName",
          "cuDeviceTotalMem_v2",
          "cuDeviceGetAttribute",
          "cuDeviceGetPCIBusId",
          "cuGetErrorName",
          "nvmlInit_v2",
          "nvmlShutdown",
          "nvmlDeviceGetCount_v2",
          "nvmlDeviceGetHandleByIndex_v2",
          "nvmlDeviceGetHandleByPciBusId_v2",
          "nvmlDeviceGetName",
          "nvmlDeviceGetUtilizationRates",
          "nvmlErrorString",
          "hipGetDeviceCount",
          "hipRuntimeGetVersion",
          "hipDeviceGetName",
          "hipDeviceTotalMem",
          "hipDeviceComputeCapability",
          "hipGetErrorName");

  @Test
  void noBindingDeclaresAFunctionThatHoldsGpuState() {
    List<Class<?>> bindings =
        List.of(
            JnaCudaDriver.LibCuda.class,
            JnaNvml.LibNvml.class,
            JnaHip.LibHip.class,
            CudaDriver.class,
            Nvml.class,
            Hip.class);
    for (Class<?> binding : bindings) {
      for (Method method : binding.getDeclaredMethods()) {
        assertTrue(
            !HOLDS_GPU_STATE.matcher(method.getName()).matches(),
            binding.getName() + " declares " + method.getName());
      }
    }
  }

  @Test
  void theJnaBindingsDeclareExactlyTheAllowedCFunctions() {
    Set<String> declared = new HashSet<>();
    for (Class<?> binding :
        List.of(JnaCudaDriver.LibCuda.class, JnaNvml.LibNvml.class, JnaHip.LibHip.class)) {
      Arrays.stream(binding.getDeclaredMethods()).map(Method::getName).forEach(declared::add);
    }
    assertEquals(ALLOWED_CALLS, declared);
  }

  @Test
  void aProbeAndReadingsCallOnlyQueryFunctions() {
    FakeCuda cuda =
        new FakeCuda().withGpus(new FakeCuda.Gpu("", FakeCuda.GIB, 8, 0, "0000:41:00.0"));
    FakeNvml nvml = new FakeNvml();
    FakeHip hip = new FakeHip();
    FakeLibraries libraries = new FakeLibraries().with(cuda).with(nvml).with(hip);

    new ProbeRunner(libraries).probe();
    try (UtilizationSampler sampler = new UtilizationSampler(libraries)) {
      sampler.read(0);
      sampler.read(0);
    }
    new ProbeRunner(new FakeLibraries().with(hip).with(nvml)).probe();

    List<String> calls = new ArrayList<>(cuda.calls());
    calls.addAll(nvml.calls());
    calls.addAll(hip.calls());
    assertTrue(ALLOWED_CALLS.containsAll(calls), calls::toString);
    assertTrue(calls.contains("nvmlDeviceGetUtilizationRates"), calls::toString);
    assertTrue(calls.contains("hipDeviceTotalMem"), calls::toString);
    assertEquals(nvml.count("nvmlInit_v2"), nvml.count("nvmlShutdown"), "every init shut down");
  }
}
