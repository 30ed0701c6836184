package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobId;
import org.convertalot.api.Policy;
import org.convertalot.api.Warning;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.error.ConversionException;
import org.convertalot.core.Json;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warnings an engine returns reach the result, the job record, the status counters and the JSON the
 * CLI prints, and survive a restart of the runtime on the same data root.
 */
class ResultWarningsTest {
  @TempDir Path dir;

  private static final Warning GARBLED =
      new Warning(
          Warning.GARBLED_TEXT_LAYER,
          "the text layer of pages 2, 3 is mostly unreadable",
          List.of(2, 3));

  private static TestBackend warning() {
    return TestBackend.cpu(
        (in, ctx) -> BackendOutput.onCpu("# three pages\n", 3).withWarnings(List.of(GARBLED)));
  }

  private static ConversionRequest cpu(Path p) {
    return ConversionRequest.builder(p).policy(Policy.CPU_ONLY).build();
  }

  @Test
  void anEnginesWarningsAreInTheResultTheJobAndTheStatusAndSurviveARestart() throws Exception {
    Path source = TestRuntimes.fakePdf(dir, "garbled.pdf");
    JobId id;
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, warning()).build()) {
      ConversionResult result = runtime.convert(cpu(source));
      id = result.jobId();
      assertEquals(List.of(GARBLED), result.warnings());
      assertEquals(List.of(GARBLED), result.manifest().warnings());
      assertEquals(List.of(GARBLED), runtime.job(id).warnings());
      assertEquals(1, runtime.status().counters().succeededWithWarnings());
      assertEquals(1, runtime.totals().succeededWithWarnings());
      String json = new Json().job(runtime.job(id));
      assertTrue(json.contains("\"garbled_text_layer\""), json);
      assertTrue(new Json().status(runtime.status()).contains("\"succeeded_with_warnings\" : 1"));
    }
    try (ConversionRuntime reopened = TestRuntimes.builder(dir, TestBackend.echo()).build()) {
      assertEquals(List.of(GARBLED), reopened.job(id).warnings());
      assertEquals(List.of(GARBLED), reopened.result(id).warnings());
      assertEquals(0, reopened.status().counters().succeededWithWarnings(), "since it opened");
      assertEquals(1, reopened.totals().succeededWithWarnings(), "every record of the store");
    }
  }

  @Test
  void aResultWithoutWarningsHasNone() throws Exception {
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, TestBackend.echo()).build()) {
      ConversionResult result = runtime.convert(cpu(TestRuntimes.fakePdf(dir, "clean.pdf")));
      assertEquals(List.of(), result.warnings());
      assertEquals(List.of(), runtime.job(result.jobId()).warnings());
      assertEquals(0, runtime.status().counters().succeededWithWarnings());
    }
  }

  @Test
  void aWarningAboutAPageTheEngineDidNotConvertFailsTheRunWithoutARetry() throws Exception {
    TestBackend past =
        TestBackend.cpu((in, ctx) -> BackendOutput.onCpu("x", 2).withWarnings(List.of(GARBLED)));
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, past).build()) {
      JobHandle handle = runtime.submit(cpu(TestRuntimes.fakePdf(dir, "two.pdf")));

      ConversionException e = TestRuntimes.failure(handle);

      assertEquals("backend_failed", e.code());
      assertTrue(e.getMessage().contains("warns about page 3"), e.getMessage());
      assertEquals(1, runtime.job(handle.id()).attempt());
    }
  }

  @Test
  void warningsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new Warning("Garbled", "x", List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Warning("a-b", "x", List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Warning("a", "x", List.of(3, 2)));
    assertThrows(IllegalArgumentException.class, () -> new Warning("a", "x", List.of(0)));
    assertThrows(IllegalArgumentException.class, () -> new Warning("a", "x", List.of(2, 2)));
    assertEquals("pages 2, 3", GARBLED.pagesInWords());
    assertEquals("page 7", new Warning("a_b", "x", List.of(7)).pagesInWords());
    assertEquals("", Warning.of("a_b", "x").pagesInWords());
    assertEquals(List.of(), BackendOutput.onCpu("x", 1).warnings());
  }
}
