package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Limits;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Policy;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.api.error.JobNotFoundException;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ConversionRuntime.retry}: an ended job submitted again with the request it had. */
class RetryTest {
  @TempDir Path dir;

  private final AtomicBoolean failing = new AtomicBoolean(true);

  private TestBackend engine() {
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              if (failing.get()) {
                throw new InvalidInputException(InvalidInputReason.CORRUPT, "broken, for now");
              }
              return BackendOutput.onCpu(in.pages() + " " + in.options() + "\n", 1);
            });
    engine.selectsPages = true;
    engine.options = List.of(EngineOption.flag("test-cpu.fast", "go fast", false));
    return engine;
  }

  @Test
  void aFailedJobRunsAgainAsANewJobWithTheSameRequest() throws Exception {
    Path pdf = TestRuntimes.fakePdf(dir, "a.pdf");
    ConversionRequest request =
        ConversionRequest.builder(pdf)
            .policy(Policy.CPU_ONLY)
            .option("test-cpu.fast", "true")
            .pages(PageSelection.parse("2-3"))
            .limits(Limits.DEFAULTS.withMaxPages(42).withDeadline(Duration.ofMinutes(3)))
            .build();
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, engine()).build()) {
      JobHandle first = runtime.submit(request);
      assertEquals("invalid_input", TestRuntimes.failure(first).code());
      failing.set(false);

      JobHandle again = runtime.retry(first.id());

      assertNotEquals(first.id(), again.id());
      assertTrue(again.created());
      assertEquals("2-3 {test-cpu.fast=true}\n", again.result().join().markdown());
      JobSnapshot old = runtime.job(first.id());
      JobSnapshot retried = runtime.job(again.id());
      assertEquals(JobState.FAILED, old.state(), "the old job keeps its record");
      assertEquals(old.policy(), retried.policy());
      assertEquals(old.options(), retried.options());
      assertEquals(old.limits(), retried.limits());
      assertEquals(old.pages(), retried.pages());
      assertEquals(old.source(), retried.source());
      assertEquals(again.id(), runtime.retry(first.id()).id(), "the retried job is reused");
    }
  }

  @Test
  void onlyAnEndedJobWhoseSourceCanBeReadIsRetried() throws Exception {
    Path pdf = TestRuntimes.fakePdf(dir, "a.pdf");
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, engine()).build()) {
      JobHandle failed = runtime.submit(ConversionRequest.builder(pdf).build());
      TestRuntimes.failure(failed);
      failing.set(false);
      JobHandle succeeded = runtime.retry(failed.id());
      succeeded.result().join();

      InvalidRequestException notEnded =
          assertThrows(InvalidRequestException.class, () -> runtime.retry(succeeded.id()));
      assertTrue(notEnded.getMessage().contains("only FAILED and CANCELED"), notEnded.getMessage());
      assertEquals("SUCCEEDED", notEnded.details().get("state"));

      Files.delete(pdf);
      InvalidRequestException gone =
          assertThrows(InvalidRequestException.class, () -> runtime.retry(failed.id()));
      assertEquals(Map.of("reason", "source_missing", "path", pdf.toString()), gone.details());
      assertThrows(JobNotFoundException.class, () -> runtime.retry(JobId.of("0".repeat(25) + "1")));
    }
  }
}
