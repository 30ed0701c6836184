package org.convertalot.backend.docling.gpu.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.backend.docling.gpu.UtilizationReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NVML's return codes as utilization readings, and CUDA ordinals matched by PCI bus id. */
class UtilizationSamplerTest {

  private static UtilizationReading readOnce(FakeLibraries libraries, int device) {
    try (UtilizationSampler sampler = new UtilizationSampler(libraries)) {
      return sampler.read(device);
    }
  }

  private static void assertNotRead(UtilizationReading reading, ProbeCause cause, String mention) {
    assertFalse(reading.isRead(), reading::message);
    assertEquals(OptionalInt.empty(), reading.gpuPercent());
    assertEquals(OptionalInt.empty(), reading.memoryPercent());
    assertEquals(cause, reading.cause(), reading::message);
    assertTrue(reading.message().contains(mention), () -> mention + " in: " + reading.message());
  }

  @Test
  void theCudaOrdinalIsMatchedToNvmlByPciBusId() {
    FakeNvml nvml = new FakeNvml();
    FakeLibraries libraries = new FakeLibraries().with(new FakeCuda()).with(nvml);

    UtilizationReading reading = readOnce(libraries, 0);

    assertTrue(reading.isRead(), reading::message);
    assertEquals(OptionalInt.of(50), reading.gpuPercent(), "CUDA 0 is NVML 1 (bus 41)");
    assertEquals(OptionalInt.of(5), reading.memoryPercent());
    assertNull(reading.cause());
    assertEquals(0, reading.deviceIndex());
    assertTrue(reading.message().contains("PCI 0000:41:00.0"), reading::message);
    assertTrue(reading.message().contains("GPU 50% busy, memory 5% busy"), reading::message);
    assertEquals(0, nvml.count("nvmlDeviceGetHandleByIndex_v2"));
  }

  @Test
  void withoutCudaNvmlsOwnIndexIsUsedAndSaid() {
    UtilizationReading reading = readOnce(new FakeLibraries().with(new FakeNvml()), 0);

    assertEquals(OptionalInt.of(40), reading.gpuPercent());
    assertTrue(reading.message().contains("NVML's index"), reading::message);
  }

  @Test
  void withoutNvmlThereIsNoReadingAndTheReasonNamesTheLibrary() {
    UtilizationReading reading = readOnce(new FakeLibraries().with(new FakeCuda()), 0);

    assertNotRead(reading, ProbeCause.DRIVER_MISSING, "libnvidia-ml.so.1 could not be loaded");
    assertTrue(reading.message().contains("through NVML only"));
  }

  @ParameterizedTest(name = "nvmlInit_v2 {0} is {1}")
  @CsvSource({
    "18, DRIVER_MISMATCH, NVML_ERROR_LIB_RM_VERSION_MISMATCH",
    "9, DRIVER_MISSING, NVML_ERROR_DRIVER_NOT_LOADED",
    "12, DRIVER_MISSING, NVML_ERROR_LIBRARY_NOT_FOUND",
    "4, DEVICE_UNUSABLE, NVML_ERROR_NO_PERMISSION",
    "15, DEVICE_UNUSABLE, NVML_ERROR_GPU_IS_LOST",
    "17, DEVICE_UNUSABLE, NVML_ERROR_OPERATING_SYSTEM",
    "999, DEVICE_UNUSABLE, NVML_ERROR_UNKNOWN",
  })
  void nvmlInitCodesAreClassified(int code, ProbeCause cause, String name) {
    FakeNvml nvml = new FakeNvml().returning("nvmlInit_v2", code);

    UtilizationReading reading = readOnce(new FakeLibraries().with(new FakeCuda()).with(nvml), 0);

    assertNotRead(reading, cause, "nvmlInit_v2 returned " + code + " " + name);
    assertEquals(0, nvml.count("nvmlShutdown"), "an init that failed is not shut down");
  }

  @ParameterizedTest(name = "nvmlDeviceGetUtilizationRates {0} is {1}")
  @CsvSource({
    "4, DEVICE_UNUSABLE, NVML_ERROR_NO_PERMISSION",
    "15, DEVICE_UNUSABLE, NVML_ERROR_GPU_IS_LOST",
    "17, DEVICE_UNUSABLE, NVML_ERROR_OPERATING_SYSTEM",
    "18, DRIVER_MISMATCH, NVML_ERROR_LIB_RM_VERSION_MISMATCH",
  })
  void utilizationCodesAreClassified(int code, ProbeCause cause, String name) {
    FakeNvml nvml = new FakeNvml().returning("nvmlDeviceGetUtilizationRates", code);

    UtilizationReading reading = readOnce(new FakeLibraries().with(new FakeCuda()).with(nvml), 1);

    assertNotRead(reading, cause, "nvmlDeviceGetUtilizationRates returned " + code + " " + name);
  }

  @Test
  void notSupportedSaysNothingAboutTheGpu() {
    FakeNvml nvml = new FakeNvml().returning("nvmlDeviceGetUtilizationRates", 3);

    UtilizationReading reading = readOnce(new FakeLibraries().with(new FakeCuda()).with(nvml), 0);

    assertNotRead(reading, null, "NVML_ERROR_NOT_SUPPORTED");
  }

  @Test
  void aLostGpuWhenLookingItUpIsDeviceUnusable() {
    FakeNvml nvml = new FakeNvml().returning("nvmlDeviceGetHandleByPciBusId_v2", 15);

    UtilizationReading reading = readOnce(new FakeLibraries().with(new FakeCuda()).with(nvml), 0);

    assertNotRead(
        reading,
        ProbeCause.DEVICE_UNUSABLE,
        "nvmlDeviceGetHandleByPciBusId_v2(0000:41:00.0) returned 15");
  }

  @Test
  void aMissingSymbolIsDriverMissing() {
    FakeNvml nvml =
        new FakeNvml()
            .throwing("nvmlDeviceGetUtilizationRates", new UnsatisfiedLinkError("no symbol"));

    UtilizationReading reading = readOnce(new FakeLibraries().with(new FakeCuda()).with(nvml), 0);

    assertNotRead(reading, ProbeCause.DRIVER_MISSING, "no symbol");
  }

  @Test
  void nvmlIsInitializedOnceAndShutDownOnceOnClose() {
    FakeNvml nvml = new FakeNvml();
    FakeLibraries libraries = new FakeLibraries().with(new FakeCuda()).with(nvml);
    UtilizationSampler sampler = new UtilizationSampler(libraries);
    assertEquals(0, libraries.nvmlLoads(), "nothing loads before the first reading");

    for (int i = 0; i < 5; i++) {
      assertTrue(sampler.read(i % 2).isRead());
    }
    sampler.close();
    sampler.close();
    UtilizationReading afterClose = sampler.read(0);

    assertEquals(1, nvml.count("nvmlInit_v2"));
    assertEquals(1, nvml.count("nvmlShutdown"));
    assertEquals(2, nvml.count("nvmlDeviceGetHandleByPciBusId_v2"), "handles are kept per GPU");
    assertNotRead(afterClose, null, "closed");
  }

  @Test
  void aNegativeIndexIsACallersMistake() {
    try (UtilizationSampler sampler = new UtilizationSampler(new FakeLibraries())) {
      assertThrows(IllegalArgumentException.class, () -> sampler.read(-1));
    }
  }
}
