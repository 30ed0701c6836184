package org.convertalot.backend.docling.gpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every CUDA return code's classification, and how CUDA, HIP and NVML combine, through fakes. */
class ProbeRunnerTest {

  private static ProbeResult probe(FakeLibraries libraries) {
    return new ProbeRunner(libraries).probe();
  }

  private static void assertUnavailable(ProbeResult result, ProbeCause cause, String... mentions) {
    assertFalse(result.available(), result::message);
    assertEquals(cause, result.cause(), result::message);
    assertTrue(result.devices().isEmpty());
    for (String mention : mentions) {
      assertTrue(result.message().contains(mention), () -> mention + " in: " + result.message());
    }
  }

  @ParameterizedTest(name = "cuInit {0} is {1}")
  @CsvSource({
    "34, DRIVER_MISSING, CUDA_ERROR_STUB_LIBRARY",
    "803, DRIVER_MISMATCH, CUDA_ERROR_SYSTEM_DRIVER_MISMATCH",
    "804, DRIVER_MISMATCH, CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE",
    "100, NO_DEVICE, CUDA_ERROR_NO_DEVICE",
    "46, DEVICE_UNUSABLE, CUDA_ERROR_DEVICE_UNAVAILABLE",
    "800, DEVICE_UNUSABLE, CUDA_ERROR_NOT_PERMITTED",
    "304, DEVICE_UNUSABLE, CUDA_ERROR_OPERATING_SYSTEM",
    "802, DEVICE_UNUSABLE, CUDA_ERROR_SYSTEM_NOT_READY",
    "3, DEVICE_UNUSABLE, CUDA_ERROR_NOT_INITIALIZED",
    "101, DEVICE_UNUSABLE, CUDA_ERROR_INVALID_DEVICE",
    "999, DEVICE_UNUSABLE, CUDA_ERROR_UNKNOWN",
    "4242, DEVICE_UNUSABLE, an unknown CUresult",
  })
  void cuInitCodesAreClassified(int code, ProbeCause cause, String name) {
    ProbeResult result = probe(new FakeLibraries().with(new FakeCuda().returning("cuInit", code)));

    assertUnavailable(result, cause, "libcuda.so.1", "cuInit returned " + code + " " + name);
    assertEquals(Acceleration.CUDA, result.acceleration());
    assertTrue(result.message().contains("(" + cause.code() + ")"), result::message);
  }

  @Test
  void theStubLibraryIsDriverMissingAndSaysWhereToLook() {
    FakeLibraries libraries = new FakeLibraries().with(new FakeCuda().returning("cuInit", 34));

    ProbeResult result = probe(libraries);

    assertUnavailable(result, ProbeCause.DRIVER_MISSING, "stub", "LD_LIBRARY_PATH");
    assertEquals(1, libraries.hipLoads(), "a stub is no driver: ROCm is tried");
  }

  @Test
  void theLibrarysOwnErrorNameIsUsedForCodesTheTableDoesNotKnow() {
    ProbeResult result = probe(new FakeLibraries().with(new FakeCuda().returning("cuInit", 222)));

    assertUnavailable(
        result,
        ProbeCause.DEVICE_UNUSABLE,
        "cuInit returned 222 CUDA_ERROR_UNSUPPORTED_PTX_VERSION");
  }

  @Test
  void theTableNamesTheCodeWhenCuGetErrorNameCannot() {
    ProbeResult result =
        probe(
            new FakeLibraries().with(new FakeCuda().returning("cuInit", 803).withoutErrorNames()));

    assertUnavailable(
        result,
        ProbeCause.DRIVER_MISMATCH,
        "cuInit returned 803 CUDA_ERROR_SYSTEM_DRIVER_MISMATCH");
  }

  @Test
  void aMismatchStillReportsTheLibrarysVersion() {
    ProbeResult result = probe(new FakeLibraries().with(new FakeCuda().returning("cuInit", 803)));

    assertUnavailable(result, ProbeCause.DRIVER_MISMATCH, "CUDA driver API 12.4", "reboot");
  }

  @Test
  void noDeviceFromTheCountIsNoDevice() {
    ProbeResult result =
        probe(new FakeLibraries().with(new FakeCuda().returning("cuDeviceGetCount", 100)));

    assertUnavailable(result, ProbeCause.NO_DEVICE, "cuDeviceGetCount returned 100");
  }

  @Test
  void aCountOfZeroIsNoDevice() {
    ProbeResult result = probe(new FakeLibraries().with(new FakeCuda().withGpus()));

    assertUnavailable(
        result, ProbeCause.NO_DEVICE, "libcuda.so.1", "found no device", "CUDA_VISIBLE_DEVICES");
  }

  @ParameterizedTest(name = "{0} returning {1} is {2}")
  @CsvSource({
    "cuDeviceGet, 101, DEVICE_UNUSABLE",
    "cuDeviceGet, 46, DEVICE_UNUSABLE",
    "cuDeviceGetName, 800, DEVICE_UNUSABLE",
    "cuDeviceGetName, 304, DEVICE_UNUSABLE",
    "cuDeviceTotalMem_v2, 46, DEVICE_UNUSABLE",
    "cuDeviceTotalMem_v2, 803, DRIVER_MISMATCH",
  })
  void aFailingDeviceQueryFailsTheProbeClosed(String function, int code, ProbeCause cause) {
    ProbeResult result = probe(new FakeLibraries().with(new FakeCuda().returning(function, code)));

    assertUnavailable(result, cause, function + "(0) returned " + code);
  }

  @Test
  void twoDevicesAreAvailableWithNamesMemoryCapabilityAndDriverVersion() {
    FakeCuda cuda = new FakeCuda();
    FakeLibraries libraries = new FakeLibraries().with(cuda).with(new FakeNvml());

    ProbeResult result = probe(libraries);

    assertTrue(result.available(), result::message);
    assertNull(result.cause());
    assertEquals(Acceleration.CUDA, result.acceleration());
    assertEquals("12.4", result.driverVersion());
    assertEquals(
        List.of(
            new GpuDevice(0, "NVIDIA A100-SXM4-80GB", 80 * FakeCuda.GIB, "8.0"),
            new GpuDevice(1, "NVIDIA H200", 141 * FakeCuda.GIB, "9.0")),
        result.devices());
    assertTrue(result.message().contains("CUDA driver API 12.4"), result::message);
    assertTrue(result.message().contains("NVIDIA H200, capability 9.0, 141.0 GiB"));
    assertEquals(0, libraries.nvmlLoads(), "CUDA gave every name: NVML is not even loaded");
    assertEquals(0, libraries.hipLoads(), "CUDA decided: HIP is not loaded");
    assertEquals(1, cuda.count("cuInit"));
  }

  @ParameterizedTest(name = "cuDriverGetVersion {0} is {1}")
  @CsvSource({"12040, 12.4", "11080, 11.8", "13000, 13.0", "12090, 12.9"})
  void driverVersionsAreMajorDotMinor(int version, String text) {
    ProbeResult result = probe(new FakeLibraries().with(new FakeCuda().withDriverVersion(version)));

    assertEquals(text, result.driverVersion());
  }

  @Test
  void anUnreadableCapabilityIsOnlyUnknown() {
    ProbeResult result =
        probe(new FakeLibraries().with(new FakeCuda().returning("cuDeviceGetAttribute", 1)));

    assertTrue(result.available(), result::message);
    assertNull(result.devices().get(0).capability());
  }

  @Test
  void aBlankCudaNameIsFilledInByNvmlForTheSamePciBusId() {
    FakeNvml nvml = new FakeNvml();
    FakeCuda cuda =
        new FakeCuda()
            .withGpus(
                new FakeCuda.Gpu(" ", 80 * FakeCuda.GIB, 8, 0, "0000:41:00.0"), FakeCuda.H200);

    ProbeResult result = probe(new FakeLibraries().with(cuda).with(nvml));

    assertTrue(result.available(), result::message);
    assertEquals("NVIDIA A100-SXM4-80GB (NVML)", result.devices().get(0).name());
    assertEquals("NVIDIA H200", result.devices().get(1).name());
    assertEquals(1, nvml.count("nvmlInit_v2"));
    assertEquals(1, nvml.count("nvmlShutdown"), "the probe shuts down the NVML it initialized");
  }

  @Test
  void aBlankCudaNameWithoutNvmlGetsANeutralName() {
    FakeCuda cuda = new FakeCuda().withGpus(new FakeCuda.Gpu("", FakeCuda.GIB, 7, 5, "0:1:0.0"));

    ProbeResult result = probe(new FakeLibraries().with(cuda));

    assertEquals("CUDA device 0", result.devices().get(0).name());
  }

  @Test
  void aMissingLibraryIsDriverMissingNamingIt() {
    FakeLibraries libraries = new FakeLibraries();

    ProbeResult result = probe(libraries);

    assertUnavailable(
        result,
        ProbeCause.DRIVER_MISSING,
        "libcuda.so.1 could not be loaded",
        "cannot open shared object file",
        "Install the NVIDIA driver",
        "No ROCm either: libamdhip64.so",
        "NVML: libnvidia-ml.so.1 could not be loaded");
    assertEquals(Acceleration.CUDA, result.acceleration());
  }

  @ParameterizedTest(name = "{0} thrown by cuInit is driver_missing")
  @ValueSource(strings = {"UnsatisfiedLinkError", "NoClassDefFoundError", "IllegalStateException"})
  void aLinkageErrorFromTheBindingIsDriverMissing(String kind) {
    Throwable thrown =
        switch (kind) {
          case "UnsatisfiedLinkError" -> new UnsatisfiedLinkError("Error looking up function");
          case "NoClassDefFoundError" -> new NoClassDefFoundError("com/sun/jna/Native");
          default -> new IllegalStateException("JNA is confused");
        };
    ProbeResult result = probe(new FakeLibraries().with(new FakeCuda().throwing("cuInit", thrown)));

    assertUnavailable(result, ProbeCause.DRIVER_MISSING, "calling cuInit failed", "libcuda.so.1");
  }

  @Test
  void aMissingSymbolLaterOnIsDriverMissingNamingTheFunction() {
    ProbeResult result =
        probe(
            new FakeLibraries()
                .with(
                    new FakeCuda()
                        .throwing(
                            "cuDeviceTotalMem_v2",
                            new UnsatisfiedLinkError(
                                "Error looking up function 'cuDeviceTotalMem_v2'"))));

    assertUnavailable(
        result,
        ProbeCause.DRIVER_MISSING,
        "calling cuDeviceTotalMem_v2 failed",
        "Error looking up");
  }

  @Test
  void aLinkageErrorWhileLoadingIsAResultToo() {
    ProbeResult result =
        probe(new FakeLibraries().cudaLoadThrows(new UnsatisfiedLinkError("jnidispatch")));

    assertUnavailable(result, ProbeCause.DRIVER_MISSING, "jnidispatch");
  }

  @Test
  void nvmlAloneNeverMakesAGpuAvailable() {
    FakeLibraries libraries = new FakeLibraries().with(new FakeNvml());

    ProbeResult result = probe(libraries);

    assertUnavailable(
        result,
        ProbeCause.DRIVER_MISSING,
        "libcuda.so.1 could not be loaded",
        "NVML (libnvidia-ml.so.1) sees 2 GPUs (0: NVIDIA H200 (NVML); 1: NVIDIA A100",
        "NVIDIA_DRIVER_CAPABILITIES must include compute");
  }

  @ParameterizedTest(name = "NVML {0} is named {1} but CUDA's driver_missing stands")
  @CsvSource({
    "18, driver_mismatch, NVML_ERROR_LIB_RM_VERSION_MISMATCH",
    "9, driver_missing, NVML_ERROR_DRIVER_NOT_LOADED",
    "12, driver_missing, NVML_ERROR_LIBRARY_NOT_FOUND",
    "4, device_unusable, NVML_ERROR_NO_PERMISSION",
    "15, device_unusable, NVML_ERROR_GPU_IS_LOST",
    "17, device_unusable, NVML_ERROR_OPERATING_SYSTEM",
  })
  void nvmlErrorsExplainButNeverDecide(int code, String nvmlCause, String name) {
    FakeLibraries libraries =
        new FakeLibraries().with(new FakeNvml().returning("nvmlInit_v2", code));

    ProbeResult result = probe(libraries);

    assertUnavailable(
        result,
        ProbeCause.DRIVER_MISSING,
        "nvmlInit_v2 returned " + code + " " + name,
        "(" + nvmlCause + ")");
  }

  @Test
  void nvmlConfirmsAMismatchCudaFound() {
    ProbeResult result =
        probe(
            new FakeLibraries()
                .with(new FakeCuda().returning("cuInit", 803))
                .with(new FakeNvml().returning("nvmlInit_v2", 18)));

    assertUnavailable(
        result,
        ProbeCause.DRIVER_MISMATCH,
        "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH",
        "NVML_ERROR_LIB_RM_VERSION_MISMATCH \"fake NVML description of 18\" (driver_mismatch)");
  }

  @Test
  void aLostGpuNvmlListsIsNamedPerDevice() {
    ProbeResult result =
        probe(
            new FakeLibraries()
                .with(new FakeCuda().returning("cuInit", 999))
                .with(new FakeNvml().returning("nvmlDeviceGetHandleByIndex_v2", 15)));

    assertUnavailable(
        result, ProbeCause.DEVICE_UNUSABLE, "NVML_ERROR_GPU_IS_LOST", "(device_unusable)");
  }

  @Test
  void nvmlFailingDoesNotStopAWorkingCuda() {
    ProbeResult result =
        probe(
            new FakeLibraries()
                .with(new FakeCuda())
                .with(new FakeNvml().returning("nvmlInit_v2", 18)));

    assertTrue(result.available(), result::message);
  }

  @Test
  void aFailingCudaDriverIsNotReplacedByHip() {
    FakeLibraries libraries =
        new FakeLibraries().with(new FakeCuda().returning("cuInit", 100)).with(new FakeHip());

    ProbeResult result = probe(libraries);

    assertUnavailable(result, ProbeCause.NO_DEVICE);
    assertEquals(Acceleration.CUDA, result.acceleration());
    assertEquals(0, libraries.hipLoads());
  }

  @Test
  void withoutCudaHipFindsRocmDevices() {
    FakeHip hip = new FakeHip();

    ProbeResult result = probe(new FakeLibraries().with(hip));

    assertTrue(result.available(), result::message);
    assertEquals(Acceleration.ROCM, result.acceleration());
    assertEquals("6.1", result.driverVersion());
    assertEquals(
        List.of(new GpuDevice(0, "AMD Instinct MI300X", 192 * FakeCuda.GIB, "9.4")),
        result.devices());
    assertTrue(result.message().contains("HIP runtime 6.1 through libamdhip64.so"));
  }

  @ParameterizedTest(name = "hipGetDeviceCount {0} is {1}")
  @CsvSource({
    "100, NO_DEVICE, hipErrorNoDevice",
    "35, DRIVER_MISMATCH, hipErrorInsufficientDriver",
    "101, DEVICE_UNUSABLE, hipErrorInvalidDevice",
    "4242, DEVICE_UNUSABLE, an unknown hipError_t",
  })
  void hipCodesAreClassified(int code, ProbeCause cause, String name) {
    ProbeResult result =
        probe(new FakeLibraries().with(new FakeHip().returning("hipGetDeviceCount", code)));

    assertUnavailable(
        result,
        cause,
        "No CUDA driver (libcuda.so.1",
        "libamdhip64.so",
        "hipGetDeviceCount returned " + code + " " + name);
    assertEquals(Acceleration.ROCM, result.acceleration());
  }

  @Test
  void hipWithNoDeviceCountedIsNoDevice() {
    ProbeResult result = probe(new FakeLibraries().with(new FakeHip().withGpus()));

    assertUnavailable(result, ProbeCause.NO_DEVICE, "hipGetDeviceCount found no device");
  }

  @Test
  void aHipRuntimeThatCannotLinkLeavesCudasDriverMissing() {
    ProbeResult result =
        probe(
            new FakeLibraries()
                .with(
                    new FakeHip().throwing("hipGetDeviceCount", new UnsatisfiedLinkError("nope"))));

    assertUnavailable(
        result, ProbeCause.DRIVER_MISSING, "libcuda.so.1 could not be loaded", "ROCm:", "nope");
    assertEquals(Acceleration.CUDA, result.acceleration());
  }

  @ParameterizedTest(name = "hipRuntimeGetVersion {0} is {1}")
  @CsvSource({"60140092, 6.1", "70000000, 7.0", "60342134, 6.3", "50722201, 5.7"})
  void hipVersionsAreMajorDotMinor(int version, String text) {
    assertEquals(text, ReturnCodes.hipVersion(version));
  }
}
