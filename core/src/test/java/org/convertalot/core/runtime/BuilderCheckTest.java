package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.convertalot.api.Acceleration;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Policy;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ConvertALot.Builder.check}: the runtime's request rule before there is a runtime, so that
 * nothing is opened or created for a request that would be refused.
 */
class BuilderCheckTest {
  @TempDir Path dir;

  private final AtomicInteger closes = new AtomicInteger();

  private TestBackend engine() {
    TestBackend engine =
        new TestBackend(
            "test-cpu",
            Set.of(Acceleration.CPU),
            ProbeResult.cpuAvailable("test"),
            (in, ctx) -> TestBackend.output("x", 1, Acceleration.CPU)) {
          @Override
          public void close() {
            closes.incrementAndGet();
          }
        };
    engine.options = List.of(EngineOption.flag("test-cpu.fast", "go fast", false));
    return engine;
  }

  @Test
  void aRequestTheRuntimeWouldRefuseIsRefusedWithNothingOpened() throws Exception {
    Path pdf = TestRuntimes.fakePdf(dir, "a.pdf");
    ConvertALot.Builder builder = TestRuntimes.builder(dir, engine());

    for (ConversionRequest bad :
        List.of(
            ConversionRequest.builder(pdf).option("test-cpu.slow", "true").build(),
            ConversionRequest.builder(pdf).option("test-cpu.fast", "maybe").build(),
            ConversionRequest.builder(pdf).engine("nosuch").build(),
            ConversionRequest.builder(pdf).pages(PageSelection.of(2)).build())) {
      assertThrows(InvalidRequestException.class, () -> builder.check(bad), bad.toString());
    }
    builder.check(ConversionRequest.builder(pdf).option("test-cpu.fast", "true").build());

    assertFalse(Files.exists(dir.resolve("data")), "no data root was created");
    assertEquals(0, closes.get(), "a registered engine stays open for the runtime it is for");
    try (ConversionRuntime runtime = builder.build()) {
      runtime.convert(ConversionRequest.builder(pdf).policy(Policy.CPU_ONLY).build());
    }
    assertEquals(1, closes.get(), "closed once, by its runtime");
  }
}
