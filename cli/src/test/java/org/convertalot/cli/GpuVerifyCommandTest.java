package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gpu-verify} end to end without a GPU: fake CUDA and NVML libraries built with gcc (the
 * Docling module's test sources) stand for the driver, and the Docling module's stand-in worker for
 * Docling, so the command's real path runs: probe, worker, conversion under gpu_required,
 * utilization sampling, verdict.
 */
class GpuVerifyCommandTest {
  private static final Path DOCLING_TESTS =
      Path.of(System.getProperty("convertalot.module.dir", "."))
          .resolve("../backend-docling-jni/src/test")
          .normalize();
  private static final Path FAKES =
      DOCLING_TESTS.resolve("resources/org/convertalot/backend/docling/gpu");
  private static final Path STAND_IN = DOCLING_TESTS.resolve("resources/stand_in_worker.py");

  @TempDir Path dir;

  @Test
  void aHostWithoutAGpuFailsTheCheckAndSaysWhy() throws Exception {
    Path pdf = TestPdf.write(dir.resolve("a.pdf"), "One page");
    CliRunner.Result r =
        CliRunner.run("gpu-verify", "--cuda-library", dir.resolve("no-libcuda.so.1"), pdf);
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(
        r.out().contains("FAILED: the GPU probe found no usable GPU (driver_missing)"),
        r.toString());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aGpuThatRunsTheWorkerAndIsBusyPasses() throws Exception {
    Path[] libs = fakeDriver();
    Path pdf = TestPdf.write(dir.resolve("a.pdf"), "First page", "Second page");
    CliRunner.Result r = verify(libs, pdf);
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("acceleration_used cuda, device cuda:0"), r.toString());
    // NVML numbers GPUs by PCI bus; the fake's CUDA device 0 is NVML's device 1 (50% busy).
    assertTrue(r.out().contains("peak per device {0=50, 1=40} %"), r.toString());
    assertTrue(r.out().contains("gpu-verify: PASSED"), r.toString());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aWorkerThatRanOnTheCpuFailsTheCheck() throws Exception {
    Path[] libs = fakeDriver();
    Path pdf = TestPdf.write(dir.resolve("cpu.pdf"), "@cpu");
    CliRunner.Result r = verify(libs, pdf);
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.out().contains("FAILED: the conversion failed: gpu_not_available"), r.toString());
  }

  private CliRunner.Result verify(Path[] libs, Path pdf) throws IOException {
    Path models = Files.createDirectories(dir.resolve("models"));
    return CliRunner.run(
        "gpu-verify",
        "--cuda-library",
        libs[0],
        "--nvml-library",
        libs[1],
        "--python",
        "python3",
        "--models",
        models,
        "--docling-worker",
        STAND_IN.toAbsolutePath(),
        pdf);
  }

  /** libcuda.so.1 (2 devices) and libnvidia-ml.so.1 (40% and 50% busy) built with gcc. */
  private Path[] fakeDriver() throws Exception {
    assumeTrue(Files.isRegularFile(FAKES.resolve("fake_cuda.c")), "Docling module sources absent");
    Path cuda = gcc("fake_cuda.c", "libcuda.so.1");
    Path nvml = gcc("fake_nvml.c", "libnvidia-ml.so.1");
    return new Path[] {cuda, nvml};
  }

  private Path gcc(String source, String library) throws Exception {
    Path out = Files.createDirectories(dir.resolve(source.replace(".c", ""))).resolve(library);
    Process p;
    try {
      p =
          new ProcessBuilder(
                  List.of(
                      "gcc",
                      "-shared",
                      "-fPIC",
                      "-O0",
                      "-o",
                      out.toString(),
                      FAKES.resolve(source).toString()))
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      assumeTrue(false, "gcc is not on the PATH: " + e);
      return null;
    }
    String log = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, log);
    return out;
  }
}
