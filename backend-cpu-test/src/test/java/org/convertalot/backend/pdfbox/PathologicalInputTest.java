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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobState;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.error.ConversionException;
import org.convertalot.backend.pdfbox.testing.RawPdf;
import org.convertalot.core.ConvertALot;
import org.convertalot.testkit.TestPdf;
import org.convertalot.testkit.TestPdf.Font;
import org.convertalot.testkit.TestPdf.PageSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pathological inputs (after commonmark-java's {@code PathologicalTest}), each generated here and
 * run through the real runtime and the real PDFBox engine next to one normal PDF: every
 * pathological job ends within its bound with a typed outcome (SUCCEEDED, or FAILED with a stable
 * code and reason), never a hang or an untyped error; the normal job beside it succeeds with its
 * Markdown; and the runtime still converts afterwards.
 */
class PathologicalInputTest {

  /** What a pathological job may end as: success, or one of these error codes. */
  private static final Set<String> TYPED_CODES =
      Set.of("invalid_input", "timeout", "backend_failed");

  private static final String NORMAL_TEXT = "A normal page beside the pathological one";

  @TempDir Path dir;

  private ConversionRuntime runtime;
  private Path normal;

  @BeforeEach
  void start() {
    normal =
        TestPdf.builder(PageSize.A4)
            .page()
            .text(Font.HELVETICA, 11, 72, 100, NORMAL_TEXT)
            .write(dir.resolve("normal.pdf"));
    runtime =
        ConvertALot.builder()
            .dataRoot(dir.resolve("data"))
            .serviceLoader(false)
            .backend(PdfBoxBackend.createWithoutRecognition())
            .workers(2)
            .maxAttempts(1)
            .build();
  }

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  /** 256 MiB of zeros in a FlateDecode content stream of a few hundred KB. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void decompressionBombInAContentStream() throws Exception {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    try (OutputStream out =
        new DeflaterOutputStream(packed, new Deflater(Deflater.BEST_COMPRESSION))) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 256; i++) {
        out.write(zeros);
      }
    }
    assertTrue(packed.size() < 1 << 20, "the bomb is small: " + packed.size());
    RawPdf pdf = new RawPdf();
    int content = pdf.stream("/Filter /FlateDecode", packed.toByteArray());
    pdf.singlePage("/Contents " + content + " 0 R");
    Outcome o = run(pdf.save(dir.resolve("bomb.pdf")), deadline(60));
    o.assertTyped();
    if (o.result != null) {
      // The zeros are white space to the content parser: an empty page.
      assertEquals("", o.result.markdown());
    }
  }

  /** 100,000 nested arrays in the page's resources and nested dictionaries in an annotation. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void deeplyNestedArraysAndDictionaries() throws Exception {
    int depth = 100_000;
    String arrays = "[".repeat(depth) + "]".repeat(depth);
    String dicts = "<< /A ".repeat(depth) + "1" + " >>".repeat(depth);
    RawPdf pdf = new RawPdf();
    int annot = pdf.object("<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /X " + dicts + " >>");
    int content = pdf.stream("", textContent("nested"));
    pdf.singlePage(
        "/Contents "
            + content
            + " 0 R /Resources << /Font << /F1 "
            + pdf.font()
            + " 0 R >> /Deep "
            + arrays
            + " >> /Annots ["
            + annot
            + " 0 R]");
    Outcome o = run(pdf.save(dir.resolve("nested.pdf")), deadline(60));
    o.assertTyped();
  }

  /**
   * The same nesting in objects of their own, referenced from the resources and an annotation:
   * PDFBox's parser stops at its depth limit on those objects only, and the page's text survives.
   * (Nested inline in the page dictionary, as above, the whole page object is unparseable and
   * PDFBox leniently gives an empty page.)
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void deeplyNestedObjectsOfTheirOwnKeepThePageText() throws Exception {
    int depth = 100_000;
    RawPdf pdf = new RawPdf();
    int arrays = pdf.object("[".repeat(depth) + "]".repeat(depth));
    int dicts = pdf.object("<< /A ".repeat(depth) + "1" + " >>".repeat(depth));
    int annot =
        pdf.object("<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /X " + dicts + " 0 R >>");
    int content = pdf.stream("", textContent("nested"));
    pdf.singlePage(
        "/Contents "
            + content
            + " 0 R /Resources << /Font << /F1 "
            + pdf.font()
            + " 0 R >> /Deep "
            + arrays
            + " 0 R >> /Annots ["
            + annot
            + " 0 R]");
    Outcome o = run(pdf.save(dir.resolve("nested-objects.pdf")), deadline(60));
    o.assertSucceeded();
    assertEquals("nested\n", o.result.markdown());
  }

  /** Deeply nested arrays inside the content stream itself. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void deeplyNestedArraysInAContentStream() throws Exception {
    int depth = 100_000;
    byte[] ops =
        ("[".repeat(depth) + "]".repeat(depth) + " 0 d\n").getBytes(StandardCharsets.US_ASCII);
    RawPdf pdf = new RawPdf();
    int content = pdf.stream("", ops);
    pdf.singlePage("/Contents " + content + " 0 R");
    Outcome o = run(pdf.save(dir.resolve("nested-content.pdf")), deadline(60));
    o.assertTyped();
  }

  /** A /Pages node whose /Kids holds itself. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void pageTreeThatHoldsItself() throws Exception {
    RawPdf pdf = new RawPdf();
    int content = pdf.stream("", textContent("loop"));
    int font = pdf.font();
    int pages = pdf.reserve();
    int page =
        pdf.object(
            "<< /Type /Page /Parent "
                + pages
                + " 0 R /MediaBox [0 0 612 792] /Contents "
                + content
                + " 0 R /Resources << /Font << /F1 "
                + font
                + " 0 R >> >> >>");
    pdf.set(pages, "<< /Type /Pages /Kids [" + pages + " 0 R " + page + " 0 R] /Count 2 >>");
    pdf.root(pages);
    Outcome o = run(pdf.save(dir.resolve("loop-self.pdf")), deadline(60));
    o.assertTyped();
    if (o.result != null) {
      assertTrue(o.result.pages() <= 2, o.toString());
      assertTrue(o.result.markdown().startsWith("loop\n"), o.toString());
    }
  }

  /** A /Pages node whose only kid is itself: /Count claims a page, the tree yields none. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void pageTreeThatYieldsNoPageIsCorruptNotAnEmptySuccess() throws Exception {
    RawPdf pdf = new RawPdf();
    int pages = pdf.reserve();
    pdf.set(pages, "<< /Type /Pages /Kids [" + pages + " 0 R] /Count 1 >>");
    pdf.root(pages);
    Outcome o = run(pdf.save(dir.resolve("loop-no-page.pdf")), deadline(60));
    o.assertTyped();
    assertEquals(null, o.result, o.toString());
    assertEquals("invalid_input", o.error.code(), o.toString());
    assertEquals("corrupt", o.error.details().get("reason"), o.toString());
  }

  /** A /Pages node whose /Kids points back to its parent. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void pageTreeThatLoopsToAnAncestor() throws Exception {
    RawPdf pdf = new RawPdf();
    int content = pdf.stream("", textContent("loop"));
    int font = pdf.font();
    int root = pdf.reserve();
    int child = pdf.reserve();
    int page =
        pdf.object(
            "<< /Type /Page /Parent "
                + child
                + " 0 R /MediaBox [0 0 612 792] /Contents "
                + content
                + " 0 R /Resources << /Font << /F1 "
                + font
                + " 0 R >> >> >>");
    pdf.set(root, "<< /Type /Pages /Kids [" + child + " 0 R] /Count 3 >>");
    pdf.set(
        child,
        "<< /Type /Pages /Parent "
            + root
            + " 0 R /Kids ["
            + page
            + " 0 R "
            + root
            + " 0 R] /Count 3 >>");
    pdf.root(root);
    Outcome o = run(pdf.save(dir.resolve("loop-ancestor.pdf")), deadline(60));
    o.assertTyped();
    if (o.result != null) {
      assertEquals("loop\n", o.result.markdown());
    }
  }

  /** About 40 MB of path operators: three million stroked lines on one page. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void hugeContentStreamOfPaths() throws Exception {
    byte[] op = "0 0 m 1 1 l S\n".getBytes(StandardCharsets.US_ASCII);
    int count = 3_000_000;
    byte[] ops = repeat(op, count);
    RawPdf pdf = new RawPdf();
    int content = pdf.stream("", ops);
    pdf.singlePage("/Contents " + content + " 0 R");
    Outcome o = run(pdf.save(dir.resolve("paths.pdf")), deadline(60));
    o.assertTyped();
    if (o.result != null) {
      assertEquals("", o.result.markdown());
    }
  }

  /**
   * About 20 MB of text operators: a million shown words, four million glyphs, on one page. That is
   * over the engine's budget of two million glyphs a page: {@code too_large} at once. With the
   * budget raised by its engine option, it converts: PDFBox drops the overlapping duplicates.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void hugeContentStreamOfText() throws Exception {
    byte[] op = "1 0 0 1 72 700 Tm (word) Tj\n".getBytes(StandardCharsets.US_ASCII);
    int count = 1_000_000;
    ByteArrayOutputStream ops = new ByteArrayOutputStream();
    ops.writeBytes("BT /F1 12 Tf\n".getBytes(StandardCharsets.US_ASCII));
    ops.writeBytes(repeat(op, count));
    ops.writeBytes("ET\n".getBytes(StandardCharsets.US_ASCII));
    RawPdf pdf = new RawPdf();
    int content = pdf.stream("", ops.toByteArray());
    pdf.singlePage(
        "/Contents " + content + " 0 R /Resources << /Font << /F1 " + pdf.font() + " 0 R >> >>");
    Path file = pdf.save(dir.resolve("text.pdf"));
    Outcome o = run(file, deadline(60));
    o.assertFailed("invalid_input", "too_large");
    assertEquals("glyphs_per_page", o.error.details().get("limit"), o.toString());

    Path again = Files.copy(file, dir.resolve("text-raised.pdf"));
    Outcome raised = run(again, deadline(60), Map.of("pdfbox.max_glyphs_per_page", "5000000"));
    raised.assertSucceeded();
    assertEquals("word\n", raised.result.markdown());
  }

  /**
   * 300,000 distinct words in tiny type filling one page: a huge layout, not just a long stream.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void hugePageOfDistinctWords() throws Exception {
    StringBuilder ops = new StringBuilder(12_000_000).append("BT /F1 0.5 Tf\n");
    for (int row = 0; row < 1250; row++) {
      for (int column = 0; column < 240; column++) {
        ops.append("1 0 0 1 ")
            .append(10 + column * 2.5f)
            .append(' ')
            .append(785 - row * 0.625f)
            .append(" Tm (w) Tj\n");
      }
    }
    ops.append("ET\n");
    RawPdf pdf = new RawPdf();
    int content = pdf.stream("", ops.toString().getBytes(StandardCharsets.US_ASCII));
    pdf.singlePage(
        "/Contents " + content + " 0 R /Resources << /Font << /F1 " + pdf.font() + " 0 R >> >>");
    Outcome o = run(pdf.save(dir.resolve("words.pdf")), deadline(60));
    o.assertTyped();
    if (o.result != null) {
      assertEquals(1, o.result.pages());
      assertTrue(o.result.markdown().length() > 100_000, o.toString());
    }
  }

  /** A grid of 1,500 by 1,500 ruled lines: millions of candidate table cells on one page. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void hugeGridOfRules() throws Exception {
    StringBuilder ops = new StringBuilder(40_000_000).append("0.1 w\n");
    int lines = 1500;
    float step = 0.5f;
    float end = 10 + (lines - 1) * step;
    for (int i = 0; i < lines; i++) {
      float at = 10 + i * step;
      ops.append("10 ")
          .append(at)
          .append(" m ")
          .append(end)
          .append(' ')
          .append(at)
          .append(" l S\n");
      ops.append(at).append(" 10 m ").append(at).append(' ').append(end).append(" l S\n");
    }
    ops.append("BT /F1 12 Tf 72 780 Td (grid) Tj ET\n");
    RawPdf pdf = new RawPdf();
    int content = pdf.stream("", ops.toString().getBytes(StandardCharsets.US_ASCII));
    pdf.singlePage(
        "/Contents " + content + " 0 R /Resources << /Font << /F1 " + pdf.font() + " 0 R >> >>");
    Outcome o = run(pdf.save(dir.resolve("grid.pdf")), deadline(60));
    o.assertTyped();
    if (o.result != null) {
      assertTrue(o.result.markdown().contains("grid"), o.toString());
    }
  }

  /** 10,000 pages under the default page limit: rejected before any page is read. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void tenThousandPagesOverThePageLimit() throws Exception {
    Path file = manyPages(dir.resolve("10k.pdf"), 10_000);
    Outcome o = run(file, deadline(30));
    o.assertFailed("invalid_input", "too_many_pages");
  }

  /** 10,000 pages with the page limit raised: every page converted within the deadline. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void tenThousandPagesConverted() throws Exception {
    Path file = manyPages(dir.resolve("10k.pdf"), 10_000);
    Outcome o = run(file, deadline(90).withMaxPages(10_000));
    o.assertSucceeded();
    assertEquals(10_000, o.result.pages());
    assertTrue(o.result.markdown().contains("Page of many"), "text of the pages");
  }

  // ---------------------------------------------------------------------------------------------

  private static Limits deadline(int seconds) {
    return Limits.DEFAULTS.withDeadline(Duration.ofSeconds(seconds));
  }

  /** The outcome of a pathological job, with how long it took. */
  private static final class Outcome {
    final String name;
    final ConversionResult result;
    final ConversionException error;
    final JobState state;
    final long millis;

    Outcome(
        String name,
        ConversionResult result,
        ConversionException error,
        JobState state,
        long millis) {
      this.name = name;
      this.result = result;
      this.error = error;
      this.state = state;
      this.millis = millis;
    }

    void assertTyped() {
      if (error == null) {
        assertSucceeded();
        return;
      }
      assertEquals(JobState.FAILED, state, name);
      assertTrue(TYPED_CODES.contains(error.code()), name + ": untyped " + error);
      if (!"timeout".equals(error.code())) {
        String reason = error.details().get("reason");
        assertTrue(reason != null && !reason.isBlank(), name + ": no reason in " + error);
      }
    }

    void assertSucceeded() {
      assertEquals(JobState.SUCCEEDED, state, name + ": " + error);
      assertTrue(result.pages() >= 1, name);
    }

    void assertFailed(String code, String reason) {
      assertEquals(JobState.FAILED, state, name);
      assertEquals(code, error.code(), name + ": " + error);
      assertEquals(reason, error.details().get("reason"), name + ": " + error);
    }

    @Override
    public String toString() {
      return name
          + " -> "
          + state
          + (error == null
              ? " "
                  + result.pages()
                  + " pages, "
                  + result.markdown().length()
                  + " chars: "
                  + abbreviate(result.markdown())
              : " " + error.code() + " " + error.details())
          + " in "
          + millis
          + " ms";
    }
  }

  private static String abbreviate(String markdown) {
    String flat = markdown.replace("\n", "\\n");
    return flat.length() <= 60 ? flat : flat.substring(0, 60) + "...";
  }

  /**
   * Submits the pathological file and a normal one, waits for both, checks the normal one and that
   * the runtime still converts a file submitted afterwards.
   */
  private Outcome run(Path pathological, Limits limits) throws Exception {
    return run(pathological, limits, Map.of());
  }

  private Outcome run(Path pathological, Limits limits, Map<String, String> options)
      throws Exception {
    long started = System.nanoTime();
    ConversionRequest.Builder request =
        ConversionRequest.builder(pathological).policy(Policy.CPU_ONLY).limits(limits);
    options.forEach(request::option);
    JobHandle bad = runtime.submit(request.build());
    JobHandle good = runtime.submit(request(normal, Limits.DEFAULTS));
    ConversionResult result = null;
    ConversionException error = null;
    try {
      result = bad.result().get(limits.deadline().toSeconds() + 30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      error = assertInstanceOf(ConversionException.class, e.getCause(), "untyped failure");
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    Outcome outcome =
        new Outcome(
            pathological.getFileName().toString(),
            result,
            error,
            runtime.job(bad.id()).state(),
            millis);
    System.out.println("[pathological] " + outcome);

    assertNormal(good);
    Path after = Files.copy(normal, dir.resolve("after-" + pathological.getFileName()));
    assertNormal(runtime.submit(request(after, Limits.DEFAULTS)));
    return outcome;
  }

  private void assertNormal(JobHandle handle) throws Exception {
    ConversionResult result = handle.result().get(60, TimeUnit.SECONDS);
    assertEquals(NORMAL_TEXT + "\n", result.markdown());
    assertEquals(JobState.SUCCEEDED, runtime.job(handle.id()).state());
  }

  private static ConversionRequest request(Path file, Limits limits) {
    return ConversionRequest.builder(file).policy(Policy.CPU_ONLY).limits(limits).build();
  }

  private static byte[] textContent(String text) {
    return ("BT /F1 12 Tf 72 700 Td (" + text + ") Tj ET\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] repeat(byte[] unit, int count) {
    byte[] all = new byte[unit.length * count];
    for (int i = 0; i < count; i++) {
      System.arraycopy(unit, 0, all, i * unit.length, unit.length);
    }
    return all;
  }

  /** {@code count} pages sharing one content stream and font, in a flat page tree. */
  private static Path manyPages(Path file, int count) throws IOException {
    RawPdf pdf = new RawPdf();
    int content = pdf.stream("", textContent("Page of many"));
    int font = pdf.font();
    int pages = pdf.reserve();
    StringBuilder kids = new StringBuilder();
    for (int i = 0; i < count; i++) {
      int page =
          pdf.object(
              "<< /Type /Page /Parent "
                  + pages
                  + " 0 R /MediaBox [0 0 612 792] /Contents "
                  + content
                  + " 0 R /Resources << /Font << /F1 "
                  + font
                  + " 0 R >> >> >>");
      kids.append(page).append(" 0 R ");
    }
    pdf.set(pages, "<< /Type /Pages /Kids [" + kids + "] /Count " + count + " >>");
    pdf.root(pages);
    return pdf.save(file);
  }
}
