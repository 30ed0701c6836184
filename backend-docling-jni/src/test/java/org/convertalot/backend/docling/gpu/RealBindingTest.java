package org.convertalot.backend.docling.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The probe through its real JNA binding, against fake libcuda, libnvidia-ml and libamdhip64 built
 * with gcc in the test: the real symbol names, codes chosen per build.
 */
class RealBindingTest {

  private static final long GIB = 1L << 30;

  @TempDir static Path work;

  private static FakeDriverLibraries fakes;
  private static Path absent;

  @BeforeAll
  static void setUp() {
    fakes = new FakeDriverLibraries(work);
    absent = work.resolve("absent");
  }

  private static Path cuda(String... defines) throws Exception {
    return fakes.build("fake_cuda.c", "libcuda.so.1", defines);
  }

  private static Path nvml(String... defines) throws Exception {
    return fakes.build("fake_nvml.c", "libnvidia-ml.so.1", defines);
  }

  private static Path hip(String... defines) throws Exception {
    return fakes.build("fake_hip.c", "libamdhip64.so", defines);
  }

  private static ProbeResult probe(Path cuda, Path nvml, Path hip) {
    return GpuProbe.withLibraries(cuda, nvml, hip).probe();
  }

  @Test
  void twoFakeDevicesAreAvailableWithoutAnyContextCall() throws Exception {
    Path cuda = cuda("DEVICE_COUNT=2");
    int initsBefore = FakeDriverLibraries.calls(cuda, "cuInit");

    ProbeResult result = probe(cuda, nvml(), absent.resolve("libamdhip64.so"));

    assertTrue(result.available(), result::message);
    assertEquals(Acceleration.CUDA, result.acceleration());
    assertEquals("12.4", result.driverVersion());
    assertEquals(
        List.of(
            new GpuDevice(0, "Fake CUDA GPU 0", 80 * GIB, "8.0"),
            new GpuDevice(1, "Fake CUDA GPU 1", 141 * GIB, "9.0")),
        result.devices());
    assertTrue(result.message().contains(cuda.toString()), result::message);
    assertEquals(initsBefore + 1, FakeDriverLibraries.calls(cuda, "cuInit"));
    for (String holdsState :
        List.of("cuCtxCreate_v2", "cuDevicePrimaryCtxRetain", "cuMemGetInfo_v2", "cuMemAlloc_v2")) {
      assertEquals(0, FakeDriverLibraries.calls(cuda, holdsState), holdsState);
    }
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "INIT_CODE=803, DRIVER_MISMATCH, cuInit returned 803 CUDA_ERROR_SYSTEM_DRIVER_MISMATCH",
    "INIT_CODE=804, DRIVER_MISMATCH, cuInit returned 804 CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE",
    "INIT_CODE=100, NO_DEVICE, cuInit returned 100 CUDA_ERROR_NO_DEVICE",
    "DEVICE_COUNT=0, NO_DEVICE, cuDeviceGetCount found no device",
    "COUNT_CODE=100, NO_DEVICE, cuDeviceGetCount returned 100 CUDA_ERROR_NO_DEVICE",
    "INIT_CODE=46, DEVICE_UNUSABLE, cuInit returned 46 CUDA_ERROR_DEVICE_UNAVAILABLE",
    "INIT_CODE=800, DEVICE_UNUSABLE, cuInit returned 800 CUDA_ERROR_NOT_PERMITTED",
    "INIT_CODE=304, DEVICE_UNUSABLE, cuInit returned 304 CUDA_ERROR_OPERATING_SYSTEM",
    "INIT_CODE=34, DRIVER_MISSING, cuInit returned 34 CUDA_ERROR_STUB_LIBRARY",
    "OMIT_TOTAL_MEM, DRIVER_MISSING, calling cuDeviceTotalMem_v2 failed",
  })
  void eachFakeDriverIsClassified(String define, ProbeCause cause, String mention)
      throws Exception {
    Path cuda = cuda(define);

    ProbeResult result = probe(cuda, absent.resolve("nvml.so"), absent.resolve("hip.so"));

    assertFalse(result.available(), result::message);
    assertEquals(cause, result.cause(), result::message);
    assertTrue(result.message().contains(mention), () -> mention + " in: " + result.message());
    assertTrue(result.message().contains(cuda.toString()), result::message);
    assertEquals(0, FakeDriverLibraries.calls(cuda, "cuCtxCreate_v2"));
  }

  @Test
  void aFileThatIsNotALibraryIsDriverMissing() throws Exception {
    Path notElf = Files.createDirectories(work.resolve("not-elf")).resolve("libcuda.so.1");
    Files.writeString(notElf, "not a shared object");

    ProbeResult result = probe(notElf, absent.resolve("nvml.so"), absent.resolve("hip.so"));

    assertEquals(ProbeCause.DRIVER_MISSING, result.cause(), result::message);
    assertTrue(result.message().contains(notElf.toString()), result::message);
  }

  @Test
  void utilizationIsReadForTheCudaOrdinalMatchedByPciBusId() throws Exception {
    Path cuda = cuda("DEVICE_COUNT=2");
    Path nvml = nvml();
    int initsBefore = FakeDriverLibraries.calls(nvml, "nvmlInit_v2");
    int shutdownsBefore = FakeDriverLibraries.calls(nvml, "nvmlShutdown");
    GpuProbe probe = GpuProbe.withLibraries(cuda, nvml, absent.resolve("hip.so"));

    UtilizationReading first;
    OptionalInt second;
    try (GpuUtilization utilization = probe.openUtilization()) {
      first = utilization.read(0);
      second = utilization.utilizationPercent(1);
    }

    assertEquals(OptionalInt.of(50), first.gpuPercent(), first::message);
    assertEquals(OptionalInt.of(6), first.memoryPercent());
    assertTrue(first.message().contains("Fake NVML GPU 1, PCI 0000:41:00.0"), first::message);
    assertEquals(OptionalInt.of(40), second);
    assertEquals(initsBefore + 1, FakeDriverLibraries.calls(nvml, "nvmlInit_v2"));
    assertEquals(shutdownsBefore + 1, FakeDriverLibraries.calls(nvml, "nvmlShutdown"));
    assertEquals(0, FakeDriverLibraries.calls(cuda, "cuDevicePrimaryCtxRetain"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "INIT_CODE=18, DRIVER_MISMATCH, Driver/library version mismatch",
    "UTILIZATION_CODE=15, DEVICE_UNUSABLE, NVML_ERROR_GPU_IS_LOST",
    "HANDLE_CODE=17, DEVICE_UNUSABLE, NVML_ERROR_OPERATING_SYSTEM",
    "UTILIZATION_CODE=4, DEVICE_UNUSABLE, NVML_ERROR_NO_PERMISSION",
  })
  void nvmlFailuresAreClassifiedReadings(String define, ProbeCause cause, String mention)
      throws Exception {
    GpuProbe probe = GpuProbe.withLibraries(cuda(), nvml(define), absent.resolve("hip.so"));

    UtilizationReading reading;
    try (GpuUtilization utilization = probe.openUtilization()) {
      reading = utilization.read(0);
    }

    assertFalse(reading.isRead(), reading::message);
    assertEquals(cause, reading.cause(), reading::message);
    assertTrue(reading.message().contains(mention), reading::message);
    assertTrue(probe.probe().available(), "NVML's failures never decide the probe");
  }

  @Test
  void nvmlWithoutLibcudaIsDriverMissingWithTheContainerHint() throws Exception {
    ProbeResult result =
        probe(absent.resolve("libcuda.so.1"), nvml(), absent.resolve("libamdhip64.so"));

    assertEquals(ProbeCause.DRIVER_MISSING, result.cause(), result::message);
    assertTrue(result.message().contains("sees 2 GPUs"), result::message);
    assertTrue(result.message().contains("NVIDIA_DRIVER_CAPABILITIES"), result::message);
  }

  @Test
  void withoutCudaTheFakeHipIsRocm() throws Exception {
    ProbeResult result = probe(absent.resolve("libcuda.so.1"), absent.resolve("nvml.so"), hip());

    assertTrue(result.available(), result::message);
    assertEquals(Acceleration.ROCM, result.acceleration());
    assertEquals("6.1", result.driverVersion());
    assertEquals(List.of(new GpuDevice(0, "Fake Instinct 0", 192 * GIB, "9.4")), result.devices());
    assertNull(result.cause());
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "COUNT_CODE=100, NO_DEVICE, hipGetDeviceCount returned 100 hipErrorNoDevice",
    "COUNT_CODE=35, DRIVER_MISMATCH, hipGetDeviceCount returned 35 hipErrorInsufficientDriver",
  })
  void hipCodesThroughTheBinding(String define, ProbeCause cause, String mention) throws Exception {
    ProbeResult result =
        probe(absent.resolve("libcuda.so.1"), absent.resolve("nvml.so"), hip(define));

    assertEquals(Acceleration.ROCM, result.acceleration());
    assertEquals(cause, result.cause(), result::message);
    assertTrue(result.message().contains(mention), result::message);
  }
}
