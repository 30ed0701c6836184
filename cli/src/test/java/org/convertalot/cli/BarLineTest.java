package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The progress bar fits any terminal, and shows elapsed time, the estimate and the file. */
class BarLineTest {

  @Property(tries = 2000)
  void theLineNeverReachesTheLastColumn(
      @ForAll @IntRange(min = 1, max = 300) int width,
      @ForAll @IntRange(min = 0, max = 100_000) int total,
      @ForAll @IntRange(min = 0, max = 100_000) int done,
      @ForAll @IntRange(min = 0, max = 1_000_000) int seconds,
      @ForAll @StringLength(max = 200) String current) {
    String line =
        BarLine.render(
            width,
            Math.min(done, total),
            total,
            done * 3L,
            done / 7,
            Duration.ofSeconds(seconds),
            current.isEmpty() ? null : current);

    assertTrue(line.length() <= Math.max(1, width - 1), width + ": " + line);
    assertFalse(line.chars().anyMatch(c -> c < 0x20), line);
  }

  @Test
  void aWideTerminalShowsTheBarCountsTimesAndFile() {
    String line = BarLine.render(120, 10, 40, 100, 1, Duration.ofSeconds(30), "report-q3.pdf");

    assertEquals(
        "[#######-----------------------] 10/40 files  3.3 pages/s  1 failed  0:30  ETA 1:30 "
            + " report-q3.pdf",
        line);
  }

  @Test
  void aNarrowTerminalCutsTheFileFirstThenTheBar() {
    String narrow = BarLine.render(60, 10, 40, 100, 1, Duration.ofSeconds(30), "report-q3.pdf");
    String tiny = BarLine.render(30, 10, 40, 100, 1, Duration.ofSeconds(30), "report-q3.pdf");

    assertEquals("10/40 files  3.3 pages/s  1 failed  0:30  ETA 1:30  …q3.pdf", narrow);
    assertEquals("10/40 files  3.3 pages/s  1 f", tiny);
  }

  @Test
  void longRunsShowHours() {
    assertEquals("1:01:01", BarLine.clock(Duration.ofSeconds(3661)));
    assertEquals("0:05", BarLine.clock(Duration.ofSeconds(5)));
  }

  @Test
  void theBarRedrawsOnItsClockAndDropsTheFileWhenDone() {
    StringWriter out = new StringWriter();
    AtomicLong nanos = new AtomicLong(0);
    BarProgress bar = new BarProgress(new PrintWriter(out), 2, 100, () -> "a.pdf", nanos::get);
    nanos.addAndGet(Duration.ofSeconds(65).toNanos());
    bar.tick();
    assertTrue(
        out.toString().endsWith("0/2 files  0.0 pages/s  0 failed  1:05  a.pdf"), out.toString());
  }
}
