package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code convertalot probe}: the GPU runtime as this machine has it, and every engine. */
class ProbeCommandTest {
  @Test
  void probeReportsTheGpuRuntimeAndEveryEngineAsJson() {
    CliRunner.Result r = CliRunner.run("probe", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode gpu = r.json().get("gpu");
    if (!gpu.get("available").asBoolean()) {
      // CI machines have no GPU: the cause is typed and the message names the fix.
      assertTrue(
          Set.of("driver_missing", "driver_mismatch", "no_device", "device_unusable")
              .contains(gpu.get("cause").asText()),
          r.toString());
      assertTrue(gpu.get("message").asText().contains("lib"), r.toString());
    } else {
      assertTrue(gpu.get("devices").size() > 0, r.toString());
    }
    List<String> engines = new ArrayList<>();
    r.json().get("engines").forEach(e -> engines.add(e.get("id").asText()));
    assertTrue(engines.contains("pdfbox"), r.toString());
  }

  @Test
  void probeAsTextStartsWithTheGpuLine() {
    CliRunner.Result r = CliRunner.run("probe");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("gpu: "), r.toString());
    assertTrue(r.out().contains("engines:\n") && r.out().contains("\n  pdfbox "), r.toString());
  }
}
