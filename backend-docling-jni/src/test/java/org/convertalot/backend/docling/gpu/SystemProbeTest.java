package org.convertalot.backend.docling.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.util.OptionalInt;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.backend.docling.gpu.internal.JnaLibraries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe of this machine's real libraries, and of library paths that do not exist. */
class SystemProbeTest {

  @TempDir Path work;

  @Test
  void theSystemProbeNeverThrowsAndAlwaysExplains() {
    ProbeResult result = GpuProbe.system().probe();

    if (result.available()) {
      assertTrue(result.acceleration().isGpu());
      assertFalse(result.devices().isEmpty());
    } else {
      assertNotNull(result.cause());
      assertFalse(result.message().isBlank());
    }
  }

  @Test
  void withoutAGpuDriverTheSystemProbeSaysDriverMissing() {
    JnaLibraries installed = new JnaLibraries(null, null, null);
    assumeFalse(installed.cuda().isBound(), "this machine has libcuda.so.1");
    assumeFalse(installed.hip().isBound(), "this machine has libamdhip64.so");

    ProbeResult result = GpuProbe.system().probe();

    assertFalse(result.available());
    assertEquals(ProbeCause.DRIVER_MISSING, result.cause());
    assertEquals(Acceleration.CUDA, result.acceleration());
    assertTrue(result.message().contains("libcuda.so.1 could not be loaded"), result::message);
    assertTrue(result.message().contains("libamdhip64.so"), result::message);
  }

  @Test
  void librariesThatDoNotExistAreDriverMissingNamingThePath() {
    Path cuda = work.resolve("nowhere/libcuda.so.1");
    GpuProbe probe =
        GpuProbe.withLibraries(
            cuda,
            work.resolve("nowhere/libnvidia-ml.so.1"),
            work.resolve("nowhere/libamdhip64.so"));

    ProbeResult result = probe.probe();

    assertEquals(ProbeCause.DRIVER_MISSING, result.cause(), result::message);
    assertTrue(result.message().contains(cuda + ": no such file"), result::message);
  }

  @Test
  void withoutNvmlUtilizationIsEmptyWithTheReason() {
    GpuProbe probe =
        GpuProbe.withLibraries(
            work.resolve("libcuda.so.1"),
            work.resolve("libnvidia-ml.so.1"),
            work.resolve("libamdhip64.so"));

    try (GpuUtilization utilization = probe.openUtilization()) {
      assertEquals(OptionalInt.empty(), utilization.utilizationPercent(0));
      UtilizationReading reading = utilization.read(0);
      assertEquals(ProbeCause.DRIVER_MISSING, reading.cause());
      assertTrue(reading.message().contains("libnvidia-ml.so.1"), reading::message);
    }
  }

  @Test
  void theSystemProbeIsOneInstance() {
    assertSame(GpuProbe.system(), GpuProbe.system());
  }
}
