package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.convertalot.api.Acceleration;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Policy;
import org.convertalot.api.Warning;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.core.Json;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request's page selection: part of the job (its record, its deduplication, a restart), handed to
 * the engine, and never given to an engine that would convert every page instead.
 */
class PageSelectionRuntimeTest {
  @TempDir Path dir;

  private final List<String> seen = new CopyOnWriteArrayList<>();

  /**
   * An engine of three-page documents that writes which engine it is and the selection it was
   * handed.
   */
  private TestBackend engine(String id, boolean selectsPages) {
    TestBackend engine =
        new TestBackend(
            id,
            Set.of(Acceleration.CPU),
            ProbeResult.cpuAvailable(id),
            (in, ctx) -> {
              if (selectsPages) {
                in.pages().requireWithin(3);
              }
              seen.add(id + ":" + in.pages());
              return BackendOutput.onCpu(id + " " + in.pages() + "\n", 1);
            });
    engine.selectsPages = selectsPages;
    return engine;
  }

  private ConversionRequest request(Path pdf, String pages) {
    ConversionRequest.Builder b = ConversionRequest.builder(pdf).policy(Policy.CPU_ONLY);
    return pages == null ? b.build() : b.pages(PageSelection.parse(pages)).build();
  }

  @Test
  void theSelectionReachesTheEngineAndStaysWithTheJobAcrossARestart() throws Exception {
    Path pdf = TestRuntimes.fakePdf(dir, "a.pdf");
    JobHandle handle;
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, engine("selecting", true)).build()) {
      handle = runtime.submit(request(pdf, "5-7,1"));
      ConversionResult result = handle.result().join();
      assertEquals("selecting 1,5-7\n", result.markdown());
      assertEquals(PageSelection.parse("1,5-7"), runtime.job(handle.id()).pages());
      String json = new Json().job(runtime.job(handle.id()));
      assertTrue(json.contains("\"pages\" : \"1,5-7\""), json);
    }
    try (ConversionRuntime reopened =
        TestRuntimes.builder(dir, engine("selecting", true)).build()) {
      assertEquals("1,5-7", reopened.job(handle.id()).pages().toString());
      assertEquals(handle.id(), reopened.submit(request(pdf, "1, 5,6,7")).id(), "same selection");
    }
  }

  @Test
  void aSelectionPastTheDocumentsLastPageFailsTheJobAtOnce() throws Exception {
    Path pdf = TestRuntimes.fakePdf(dir, "a.pdf");
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, engine("selecting", true)).build()) {
      JobHandle handle = runtime.submit(request(pdf, "4-"));

      ConversionException e = TestRuntimes.failure(handle);

      assertEquals("invalid_request", e.code());
      assertEquals("pages_out_of_range", e.details().get("reason"));
      assertEquals(JobState.FAILED, runtime.job(handle.id()).state());
      assertEquals(1, runtime.job(handle.id()).attempt(), "not retried");
    }
  }

  @Test
  void warningsNameSelectedPagesByTheirNumbersInThePdfAndNoOthers() throws Exception {
    Path pdf = TestRuntimes.fakePdf(dir, "a.pdf");
    TestBackend warning =
        TestBackend.cpu(
            (in, ctx) ->
                BackendOutput.onCpu("two pages\n", 2)
                    .withWarnings(
                        List.of(new Warning(Warning.PAGES_WITHOUT_TEXT, "no text", List.of(5)))));
    warning.selectsPages = true;
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, warning).build()) {
      assertEquals(
          List.of(5), runtime.convert(request(pdf, "2,5")).warnings().get(0).pages(), "page 5");

      JobHandle notSelected = runtime.submit(request(pdf, "2,4"));
      ConversionException e = TestRuntimes.failure(notSelected);
      assertEquals("backend_failed", e.code());
      assertTrue(e.getMessage().contains("warns about page 5"), e.getMessage());
      assertEquals(1, runtime.job(notSelected.id()).attempt(), "an engine bug is not retried");

      JobHandle notConverted = runtime.submit(request(pdf, "2,4,5"));
      assertEquals("backend_failed", TestRuntimes.failure(notConverted).code(), "3rd of 2 pages");
    }
  }

  @Test
  void anotherSelectionOfTheSameFileIsAnotherJob() throws Exception {
    Path pdf = TestRuntimes.fakePdf(dir, "a.pdf");
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, engine("selecting", true)).build()) {
      JobHandle all = runtime.submit(request(pdf, null));
      JobHandle first = runtime.submit(request(pdf, "1"));
      JobHandle again = runtime.submit(request(pdf, "1-1"));
      JobHandle everyPage = runtime.submit(request(pdf, "1-"));

      assertNotEquals(all.id(), first.id());
      assertEquals(first.id(), again.id());
      assertEquals(all.id(), everyPage.id(), "1- is every page");
      all.result().join();
      first.result().join();
      assertEquals(List.of("selecting:1-", "selecting:1"), List.copyOf(seen));
    }
  }

  @Test
  void aSelectionGoesToAnEngineThatHonoursItWhileOtherJobsKeepThePreferredOne() throws Exception {
    Path pdf = TestRuntimes.fakePdf(dir, "a.pdf");
    try (ConversionRuntime runtime =
        TestRuntimes.builder(dir, engine("every-page", false), engine("selecting", true)).build()) {
      assertEquals("every-page 1-\n", runtime.convert(request(pdf, null)).markdown());
      assertEquals("selecting 2\n", runtime.convert(request(pdf, "2")).markdown());
    }
  }

  @Test
  void aSelectionForAnEngineThatConvertsEveryPageIsRefusedAtSubmit() throws Exception {
    Path pdf = TestRuntimes.fakePdf(dir, "a.pdf");
    try (ConversionRuntime runtime =
        TestRuntimes.builder(dir, engine("every-page", false), engine("selecting", true)).build()) {
      InvalidRequestException hinted =
          assertThrows(
              InvalidRequestException.class,
              () ->
                  runtime.submit(
                      ConversionRequest.builder(pdf)
                          .policy(Policy.CPU_ONLY)
                          .engine("every-page")
                          .pages(PageSelection.of(2))
                          .build()));
      assertEquals("every-page", hinted.details().get("engine"));
      assertTrue(hinted.getMessage().contains("cannot convert only pages 2"), hinted.getMessage());
      assertTrue(runtime.list(PageRequest.first(10)).jobs().isEmpty(), "no job was made");
    }
  }

  @Test
  void aSelectionNoEngineCanHonourIsRefusedAtSubmit() throws Exception {
    Path pdf = TestRuntimes.fakePdf(dir, "a.pdf");
    try (ConversionRuntime runtime =
        TestRuntimes.builder(dir, engine("every-page", false)).build()) {
      InvalidRequestException e =
          assertThrows(InvalidRequestException.class, () -> runtime.submit(request(pdf, "3")));
      assertEquals("3", e.details().get("pages"));
      assertTrue(runtime.list(PageRequest.first(10)).jobs().isEmpty(), "no job was made");
      assertEquals(0, seen.size());
    }
  }
}
