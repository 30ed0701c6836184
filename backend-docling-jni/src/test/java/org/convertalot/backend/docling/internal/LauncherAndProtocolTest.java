package org.convertalot.backend.docling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.convertalot.api.PageSelection;
import org.junit.jupiter.api.Test;

/** The worker's environment and the protocol's lines, without a process. */
class LauncherAndProtocolTest {
  private static EngineSettings settings(Map<String, String> env) {
    Duration d = Duration.ofSeconds(1);
    return new EngineSettings(
        "python3", Path.of("/w.py"), Path.of("/models"), null, 1, 1 << 20, d, d, d, d, env);
  }

  @Test
  void aWorkerSeesOneGpuRunsOfflineAndReadsItsModelsFolder() {
    Map<String, String> env = new Launcher(settings(Map.of("X", "1")), null).environment(2);

    assertEquals("2", env.get("CUDA_VISIBLE_DEVICES"));
    assertEquals("1", env.get("HF_HUB_OFFLINE"));
    assertEquals("1", env.get("TRANSFORMERS_OFFLINE"));
    assertEquals("/models", env.get("DOCLING_ARTIFACTS_PATH"));
    assertEquals("1", env.get("PYTHONUNBUFFERED"));
    assertEquals("1", env.get("X"));
  }

  @Test
  void theProbeSeesEveryGpu() {
    assertFalse(
        new Launcher(settings(Map.of()), null).environment(-1).containsKey("CUDA_VISIBLE_DEVICES"));
  }

  @Test
  void aJvmThatSeesSomeGpusPinsWorkersToThoseGpus() {
    Launcher launcher = new Launcher(settings(Map.of()), "2, 3");

    assertEquals("2", launcher.environment(0).get("CUDA_VISIBLE_DEVICES"));
    assertEquals("3", launcher.environment(1).get("CUDA_VISIBLE_DEVICES"));
  }

  @Test
  void theCommandRunsTheScriptUnbuffered() {
    assertEquals(
        java.util.List.of("python3", "-u", "/w.py"),
        new Launcher(settings(Map.of()), null).command());
  }

  @Test
  void linesAreRepliesOrGarbage() {
    Protocol.Line progress =
        Protocol.parse(
            "{\"type\":\"progress\",\"job_id\":\"j\",\"pages_done\":2,\"pages_total\":5}");
    Protocol.Line garbage = Protocol.parse("Loading weights 100%");
    Protocol.Line untyped = Protocol.parse("{\"pages\":1}");
    Protocol.Line array = Protocol.parse("[1,2]");

    assertEquals("progress", progress.type());
    assertEquals(2, progress.number("pages_done", -1));
    assertEquals("j", progress.text("job_id"));
    assertTrue(garbage.isGarbage());
    assertTrue(untyped.isGarbage());
    assertTrue(array.isGarbage());
    assertFalse(Protocol.Line.EOF.isGarbage());
    assertFalse(Protocol.Line.WAKE.isGarbage());
  }

  @Test
  void aConvertRequestCarriesTheJobTheDeviceAndTheLimits() {
    Protocol.Line request =
        Protocol.parse(
            Protocol.convert(
                new Protocol.ConvertRequest(
                    "job", "run", 2, "/a.pdf", "cuda:0", 10, 1000, 1.5, 8, "off", "fast", "/m",
                    null)));

    assertEquals("convert", request.type());
    assertEquals("job", request.text("job_id"));
    assertEquals("run", request.text("run_id"));
    assertEquals("cuda:0", request.text("device"));
    assertTrue(request.flag("gpu_required", false));
    assertEquals(10, request.number("max_pages", -1));
    assertEquals(1000, request.number("max_bytes", -1));
    assertEquals("/m", request.text("artifacts_path"));
    assertEquals(1, request.number("protocol", -1));
    assertFalse(request.json().has("pages"), "every page: no selection field for old workers");
  }

  @Test
  void aSelectionTravelsInItsCanonicalForm() {
    Protocol.Line request =
        Protocol.parse(
            Protocol.convert(
                new Protocol.ConvertRequest(
                    "job",
                    "run",
                    1,
                    "/a.pdf",
                    "cuda:0",
                    10,
                    1000,
                    1.5,
                    8,
                    "off",
                    "fast",
                    null,
                    PageSelection.parse("7, 1-2,3").toString())));

    assertEquals("1-3,7", request.text("pages"));
  }
}
