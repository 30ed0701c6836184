package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.convertalot.api.Acceleration;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.Device;
import org.convertalot.api.Policy;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.GpuDevice;
import org.convertalot.api.backend.ProbeCause;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.GpuNotAvailableException;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract section 6 as a matrix: three policies × a GPU present or absent (the GPU engine's probe)
 * × a GPU engine registered, absent or broken, beside a CPU engine. Each cell ends as the contract
 * says, and a job never runs on CPU under {@code gpu_required}.
 */
class PolicyMatrixTest {
  @TempDir Path dir;

  enum GpuEngine {
    REGISTERED,
    ABSENT,
    BROKEN
  }

  record Cell(Policy policy, boolean gpuPresent, GpuEngine gpuEngine) {
    @Override
    public String toString() {
      return policy.code()
          + ", GPU "
          + (gpuPresent ? "present" : "absent")
          + ", engine "
          + gpuEngine;
    }

    /** Whether the GPU engine can run this job on a GPU. */
    boolean gpuUsable() {
      return gpuPresent && gpuEngine == GpuEngine.REGISTERED;
    }

    /** The fallback reason a CPU run under gpu_prefer must carry. */
    String fallbackReason() {
      return gpuEngine == GpuEngine.REGISTERED ? "no_device" : "no_gpu_engine";
    }
  }

  static List<Cell> cells() {
    List<Cell> out = new ArrayList<>();
    for (Policy p : Policy.values()) {
      for (boolean present : List.of(true, false)) {
        for (GpuEngine e : GpuEngine.values()) {
          out.add(new Cell(p, present, e));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void everyCellEndsAsTheContractSays(Cell cell) throws Exception {
    TestBackend cpu = TestBackend.echo();
    ProbeResult probe =
        cell.gpuPresent()
            ? ProbeResult.gpuAvailable(
                Acceleration.CUDA, List.of(new GpuDevice(0, "Fake H100", 80L << 30)), "12.4")
            : ProbeResult.unavailable(Acceleration.CUDA, ProbeCause.NO_DEVICE, "0 devices");
    TestBackend gpu =
        new TestBackend(
            "gpu",
            Set.of(Acceleration.CUDA),
            probe,
            (in, ctx) ->
                new BackendOutput(
                    "on gpu\n", 1, in.acceleration(), Device.gpu(Acceleration.CUDA, 0, "Fake")));
    TestBackend broken =
        new TestBackend("gpu", Set.of(Acceleration.CUDA), probe, (in, ctx) -> fail("ran")) {
          @Override
          public BackendCapabilities capabilities() {
            throw new IllegalStateException("cannot describe itself");
          }
        };
    TestBackend[] engines =
        switch (cell.gpuEngine()) {
          case REGISTERED -> new TestBackend[] {cpu, gpu};
          case ABSENT -> new TestBackend[] {cpu};
          case BROKEN -> new TestBackend[] {cpu, broken};
        };
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, engines).build()) {
      // Twice: the first request finds no probe yet, the second finds it known.
      for (String name : List.of("a.pdf", "b.pdf")) {
        ConversionRequest request =
            ConversionRequest.builder(TestRuntimes.fakePdf(dir, name))
                .policy(cell.policy())
                .build();
        expect(cell, runtime, request);
      }
      if (cell.gpuEngine() == GpuEngine.BROKEN) {
        assertEquals(1, runtime.status().brokenProviders().size(), "listed as broken");
      }
      if (cell.policy() == Policy.GPU_PREFER && !cell.gpuUsable()) {
        assertEquals(2, runtime.status().counters().fallbacks(), "each fallback counted");
      }
    }
    if (cell.policy() == Policy.GPU_REQUIRED) {
      assertEquals(0, cpu.calls(), "gpu_required never runs on CPU");
    }
  }

  private static void expect(Cell cell, ConversionRuntime runtime, ConversionRequest request) {
    boolean expectGpu = cell.policy() != Policy.CPU_ONLY && cell.gpuUsable();
    boolean expectFailure = cell.policy() == Policy.GPU_REQUIRED && !cell.gpuUsable();
    ConversionResult result;
    try {
      result = runtime.convert(request);
    } catch (ConversionException | CompletionException e) {
      Throwable t = e instanceof CompletionException ? e.getCause() : e;
      assertTrue(expectFailure, cell + ": unexpected " + t);
      GpuNotAvailableException g = assertInstanceOf(GpuNotAvailableException.class, t);
      assertEquals("backend_gpu_runtime_unavailable", g.details().get("reason"));
      String cause = cell.gpuEngine() == GpuEngine.REGISTERED ? "no_device" : "no_gpu_engine";
      assertEquals(cause, g.details().get("probe_cause"), cell.toString());
      return;
    }
    assertTrue(!expectFailure, cell + ": ran although gpu_required had no GPU");
    if (expectGpu) {
      assertEquals(Acceleration.CUDA, result.accelerationUsed(), cell.toString());
      assertEquals("cuda:0", result.manifest().device().id());
      assertNull(result.manifest().fallbackReason());
    } else {
      assertEquals(Acceleration.CPU, result.accelerationUsed(), cell.toString());
      if (cell.policy() == Policy.GPU_PREFER) {
        assertEquals(cell.fallbackReason(), result.manifest().fallbackReason(), cell.toString());
      } else {
        assertNull(result.manifest().fallbackReason());
      }
    }
  }
}
