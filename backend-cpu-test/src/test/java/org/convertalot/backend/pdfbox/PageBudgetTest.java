package org.convertalot.backend.pdfbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobState;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.StatusSnapshot.EngineStatus;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.error.ConversionException;
import org.convertalot.backend.pdfbox.testing.RawPdf;
import org.convertalot.backend.pdfbox.testing.WordsRecognizer;
import org.convertalot.core.ConvertALot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own work budget (issue 15, items 2 and 3), on tiny generated PDFs that ask for
 * endless work, hundreds of millions of glyphs or gigabytes of pixels, run through the real
 * runtime: each ends within seconds as {@code invalid_input}, reason {@code too_large}, naming the
 * limit, instead of stalling after minutes or filling the heap; a run stopped by its deadline or a
 * cancel stops inside PDFBox's operator loop at once; and once a job has ended no engine thread is
 * left inside PDFBox.
 */
class PageBudgetTest {
  /** How long a budgeted job may take here; without the budget each takes minutes or forever. */
  private static final long BOUND_MILLIS = 30_000;

  @TempDir Path dir;
  private ConversionRuntime runtime;

  @AfterEach
  void close() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private ConversionRuntime start(ConversionBackend engine) {
    runtime =
        ConvertALot.builder()
            .dataRoot(dir.resolve("data"))
            .serviceLoader(false)
            .backend(engine)
            .workers(2)
            .maxAttempts(1)
            .pollInterval(Duration.ofMillis(10))
            .build();
    return runtime;
  }

  // ------------------------------------------------------------------------------ the inputs

  /** Two form XObjects that draw each other twice: 2^50 draws before PDFBox's nesting limit. */
  private Path formsDrawingEachOther() throws IOException {
    RawPdf pdf = new RawPdf();
    int first = pdf.reserve();
    int second = pdf.reserve();
    pdf.set(first, form("/Other " + second + " 0 R", "/Other Do /Other Do"));
    pdf.set(second, form("/Other " + first + " 0 R", "/Other Do /Other Do"));
    int content = pdf.stream("", ascii("/Loop Do\n"));
    pdf.singlePage(
        "/Contents " + content + " 0 R /Resources << /XObject << /Loop " + first + " 0 R >> >>");
    Path file = pdf.save(dir.resolve("forms-loop.pdf"));
    assertTrue(Files.size(file) < 2_000, "a tiny file: " + Files.size(file));
    return file;
  }

  /**
   * Seven levels of forms, each drawing the next ten times a little further on, over a form that
   * shows 20 letters: 10^7 × 20 = 200 million glyphs, each at its own place.
   */
  private Path twoHundredMillionGlyphs() throws IOException {
    RawPdf pdf = new RawPdf();
    int font = pdf.font();
    int next =
        pdf.stream(
            formDictionary("/Font << /F1 " + font + " 0 R >>"),
            ascii("BT /F1 1 Tf 0 0 Td (abcdefghijklmnopqrst) Tj ET\n"));
    for (int level = 0; level < 7; level++) {
      StringBuilder draws = new StringBuilder();
      for (int i = 0; i < 10; i++) {
        draws.append("q 1 0 0 1 ").append(i * 0.01).append(" 0.01 cm /Next Do Q\n");
      }
      next =
          pdf.stream(
              formDictionary("/XObject << /Next " + next + " 0 R >>"), ascii(draws.toString()));
    }
    int content = pdf.stream("", ascii("q 1 0 0 1 72 700 cm /Top Do Q\n"));
    pdf.singlePage(
        "/Contents " + content + " 0 R /Resources << /XObject << /Top " + next + " 0 R >> >>");
    Path file = pdf.save(dir.resolve("glyphs.pdf"));
    assertTrue(Files.size(file) < 10_000, "a small file: " + Files.size(file));
    return file;
  }

  /**
   * A 40,000 by 40,000 one-bit image of zeros (200 MB raw, 6.4 GB as the RGB PDFBox decodes it to)
   * in an 870 KB Flate stream, over most of the page, with a line of text or none.
   */
  private Path hugeImage(String name, boolean withText) throws IOException {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (OutputStream out = new DeflaterOutputStream(packed, new Deflater(Deflater.BEST_SPEED))) {
      byte[] rows = new byte[5_000 * 200];
      for (int i = 0; i < 200; i++) {
        out.write(rows);
      }
    }
    RawPdf pdf = new RawPdf();
    int image =
        pdf.stream(
            "/Type /XObject /Subtype /Image /Width 40000 /Height 40000 /ColorSpace /DeviceGray"
                + " /BitsPerComponent 1 /Filter /FlateDecode",
            packed.toByteArray());
    String text =
        withText
            ? "BT /F1 12 Tf 72 760 Td (A page of ordinary text above a very large picture) Tj ET\n"
            : "";
    int content = pdf.stream("", ascii("q 540 0 0 600 36 100 cm /Im Do Q\n" + text));
    pdf.singlePage(
        "/Contents "
            + content
            + " 0 R /Resources << /Font << /F1 "
            + pdf.font()
            + " 0 R >> /XObject << /Im "
            + image
            + " 0 R >> >>");
    Path file = pdf.save(dir.resolve(name));
    assertTrue(Files.size(file) < 1_000_000, "a small file: " + Files.size(file));
    return file;
  }

  private static String form(String resources, String content) {
    byte[] data = ascii(content);
    return "<< "
        + formDictionary("/XObject << " + resources + " >>")
        + " /Length "
        + data.length
        + " >>\nstream\n"
        + content
        + "\nendstream";
  }

  private static String formDictionary(String resources) {
    return "/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << " + resources + " >>";
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  // ------------------------------------------------------------------------------ the tests

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void formsThatDrawEachOtherEndTooLargeWithinSecondsNotStalled() throws Exception {
    start(PdfBoxBackend.createWithoutRecognition());
    Ended e = run(formsDrawingEachOther(), Map.of(), Duration.ofMinutes(2));
    e.assertTooLarge("forms_per_page", "1000000");
    assertNoEngineThreadLeft();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twoHundredMillionGlyphsEndTooLargeWithinSeconds() throws Exception {
    start(PdfBoxBackend.createWithoutRecognition());
    Ended e = run(twoHundredMillionGlyphs(), Map.of(), Duration.ofMinutes(2));
    e.assertTooLarge("glyphs_per_page", "2000000");
    assertNoEngineThreadLeft();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aHugeImageOnAScannedPageIsTooLargeBeforeItIsDecoded() throws Exception {
    WordsRecognizer recognizer = new WordsRecognizer();
    start(PdfBoxBackend.create(recognizer));
    // No text layer: the page would be rendered whole, decoding the image at full size.
    Ended e = run(hugeImage("scan.pdf", false), Map.of(), Duration.ofMinutes(2));
    e.assertTooLarge("image_pixels", "100000000");
    assertEquals(0, recognizer.calls(), "nothing was rendered or recognized");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aHugeImageBesideTextIsTooLargeBeforeItsOwnPixelsAreDecoded() throws Exception {
    WordsRecognizer recognizer = new WordsRecognizer();
    start(PdfBoxBackend.create(recognizer));
    // A text layer: the image alone would be decoded, subsampled, for recognition.
    Ended e = run(hugeImage("pasted.pdf", true), Map.of(), Duration.ofMinutes(2));
    e.assertTooLarge("image_pixels", "100000000");
    assertEquals(0, recognizer.calls());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aHugeImageIsNoConcernWithoutRecognitionWhichNeverDecodesIt() throws Exception {
    start(PdfBoxBackend.createWithoutRecognition());
    JobHandle h = runtime.submit(request(hugeImage("text-only.pdf", true), Map.of()));
    assertEquals(
        "A page of ordinary text above a very large picture\n",
        h.result().get(60, TimeUnit.SECONDS).markdown());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aDeadlineStopsTheEngineInsideItsOperatorLoop() throws Exception {
    start(PdfBoxBackend.createWithoutRecognition());
    // No operator limit: only the run's deadline ends this loop.
    Map<String, String> unlimited = unlimitedForms();
    Ended e = run(formsDrawingEachOther(), unlimited, Duration.ofSeconds(2));
    assertEquals("timeout", e.error.code(), e.toString());
    assertNoEngineThreadLeft();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aCancelStopsTheEngineInsideItsOperatorLoop() throws Exception {
    start(PdfBoxBackend.createWithoutRecognition());
    Map<String, String> unlimited = unlimitedForms();
    JobHandle h = runtime.submit(request(formsDrawingEachOther(), unlimited));
    awaitTrue(
        "the engine is in the loop",
        () -> {
          var p = runtime.job(h.id()).progress();
          return p != null && "layout".equals(p.phase());
        });
    long canceled = System.nanoTime();
    runtime.cancel(h.id());
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> h.result().get(30, TimeUnit.SECONDS));
    assertEquals("canceled", ((ConversionException) e.getCause()).code());
    assertEquals(JobState.CANCELED, runtime.job(h.id()).state());
    assertNoEngineThreadLeft();
    long millis = (System.nanoTime() - canceled) / 1_000_000;
    System.out.println("[budget] canceled loop: engine thread gone " + millis + " ms after cancel");
  }

  // ------------------------------------------------------------------------------ helpers

  /** Options that let forms drawing each other run until the run is stopped. */
  private static Map<String, String> unlimitedForms() {
    String max = Long.toString(Long.MAX_VALUE);
    return Map.of("pdfbox.max_operators_per_page", max, "pdfbox.max_forms_per_page", max);
  }

  private static ConversionRequest request(Path file, Map<String, String> options) {
    return request(file, options, Duration.ofMinutes(2));
  }

  private static ConversionRequest request(
      Path file, Map<String, String> options, Duration deadline) {
    ConversionRequest.Builder b =
        ConversionRequest.builder(file)
            .policy(Policy.CPU_ONLY)
            .limits(Limits.DEFAULTS.withDeadline(deadline));
    options.forEach(b::option);
    return b.build();
  }

  /** How a job ended and how long it took. */
  private record Ended(String name, ConversionException error, JobState state, long millis) {
    void assertTooLarge(String limit, String max) {
      assertEquals(JobState.FAILED, state, toString());
      assertEquals("invalid_input", error.code(), toString());
      assertEquals("too_large", error.details().get("reason"), toString());
      assertEquals(limit, error.details().get("limit"), toString());
      assertEquals("1", error.details().get("page"), toString());
      assertEquals(max, error.details().get("max"), toString());
      assertTrue(millis < BOUND_MILLIS, toString());
    }

    @Override
    public String toString() {
      return name
          + " -> "
          + state
          + " "
          + (error == null ? "" : error.code() + " " + error.details())
          + " in "
          + millis
          + " ms";
    }
  }

  private Ended run(Path file, Map<String, String> options, Duration deadline) throws Exception {
    long started = System.nanoTime();
    JobHandle h = runtime.submit(request(file, options, deadline));
    ConversionException error = null;
    try {
      h.result().get(deadline.toSeconds() + 30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      error = assertInstanceOf(ConversionException.class, e.getCause());
    }
    Ended ended =
        new Ended(
            file.getFileName().toString(),
            error,
            runtime.job(h.id()).state(),
            (System.nanoTime() - started) / 1_000_000);
    System.out.println("[budget] " + ended);
    return ended;
  }

  /**
   * Once the job has ended, the engine's call returns at once: the runtime counts no call running
   * on it, and no thread is inside PDFBox.
   */
  private void assertNoEngineThreadLeft() {
    long since = System.nanoTime();
    awaitTrue(
        "the engine call returned",
        () -> {
          EngineStatus pdfbox = runtime.status().engines().get(0);
          return "0".equals(pdfbox.diagnostics().get(EngineStatus.CALLS_RUNNING))
              && threadsInPdfBox().isEmpty();
        });
    long millis = (System.nanoTime() - since) / 1_000_000;
    assertTrue(millis < 2_000, "the engine thread ran on " + millis + " ms after the job ended");
  }

  private static List<String> threadsInPdfBox() {
    List<String> found = new ArrayList<>();
    Thread.getAllStackTraces()
        .forEach(
            (thread, frames) -> {
              for (StackTraceElement frame : frames) {
                if (frame.getClassName().startsWith("org.apache.pdfbox.")) {
                  found.add(thread.getName());
                  return;
                }
              }
            });
    return found;
  }

  /** Waits for a condition another thread makes true, for at most a minute. */
  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }
}
