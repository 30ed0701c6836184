package org.convertalot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.Device;
import org.convertalot.api.Identifiers;
import org.convertalot.api.Limits;
import org.convertalot.api.PageSelection;
import org.convertalot.api.SourceRef;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.backend.StopReason;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidRequestException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every engine owes the runtime. Test your own engine with it:
 *
 * <pre>{@code
 * class MyEngineContractTest extends BackendContract {
 *   @Override
 *   protected ConversionBackend createBackend() {
 *     return new MyEngine();
 *   }
 * }
 * }</pre>
 *
 * Depend on {@code org.convertalot:convertalot-testkit} with {@code <scope>test</scope>}; it brings
 * JUnit 5. Override {@link #samplePdf(Path)} when your engine needs other input than a small
 * two-page text PDF, and {@link #expectedText()} to match it. An engine that declares {@link
 * BackendCapabilities#selectsPages()} is also held to page selections, on PDFs of plain text. The
 * runtime checks inputs for emptiness, size and the PDF header before an engine sees them; the
 * engine still owes a typed {@code invalid_input} for anything its parser cannot read.
 */
public abstract class BackendContract {
  /** A fresh folder for each test, deleted after it. */
  @TempDir protected Path dir;

  private ConversionBackend backend;

  /**
   * Creates the engine under test; called before each test, closed after it.
   *
   * @return a new engine
   */
  protected abstract ConversionBackend createBackend();

  /**
   * Writes a PDF the engine must convert; the default has two pages of plain text.
   *
   * @param folder where to write it
   * @return the PDF's path
   * @throws Exception when the PDF cannot be written
   */
  protected Path samplePdf(Path folder) throws Exception {
    return Files.write(
        folder.resolve("sample.pdf"), TestPdf.of("Contract page one", "Contract page two"));
  }

  /** {@return a piece of text the Markdown of {@link #samplePdf(Path)} must contain} */
  protected String expectedText() {
    return "Contract page two";
  }

  @BeforeEach
  void open() {
    backend = createBackend();
    assertNotNull(backend, "createBackend() returned null");
  }

  @AfterEach
  void close() {
    backend.close();
  }

  @Test
  void identityIsStableAndWellFormed() {
    assertTrue(
        Identifiers.isValid(backend.id()),
        "id must match " + Identifiers.GRAMMAR + ": " + backend.id());
    assertEquals(backend.id(), backend.id());
    assertFalse(backend.version() == null || backend.version().isBlank(), "version is required");
  }

  @Test
  void capabilitiesDescribeAPdfEngine() {
    BackendCapabilities caps = backend.capabilities();
    assertNotNull(caps);
    assertTrue(caps.mediaTypes().contains(BackendCapabilities.PDF), "accepts application/pdf");
  }

  @Test
  void probeAnswers() {
    ProbeResult probe = backend.probe();
    assertNotNull(probe, "probe() must not return null");
    assertTrue(backend.capabilities().accelerations().contains(probe.acceleration()));
  }

  @Test
  void convertsASamplePdfReportingProgress() throws Exception {
    StandaloneContext ctx = StandaloneContext.in(dir.resolve("tmp"));
    BackendOutput out = backend.convert(input(samplePdf(dir)), ctx);
    assertNotNull(out);
    assertTrue(
        out.markdown().contains(expectedText()),
        "the Markdown contains the text: " + out.markdown());
    assertTrue(out.pages() >= 1, "pages converted");
    assertTrue(
        backend.capabilities().accelerations().contains(out.accelerationUsed()),
        "ran on a declared acceleration: " + out.accelerationUsed());
    assertFalse(
        ctx.progressReports().isEmpty(),
        "progress(done, total) must be reported, at least per page");
    assertEquals(
        out.accelerationUsed().isGpu(),
        !out.device().equals(Device.CPU),
        "a GPU run names its device, a CPU run runs on cpu: " + out.device());
  }

  @Test
  void conversionIsDeterministic() throws Exception {
    BackendInput in = input(samplePdf(dir));
    String first = backend.convert(in, StandaloneContext.in(dir.resolve("a"))).markdown();
    String second = backend.convert(in, StandaloneContext.in(dir.resolve("b"))).markdown();
    assertEquals(first, second);
  }

  @Test
  void concurrentConversionsAgree() throws Exception {
    int threads = Math.max(2, Math.min(4, backend.capabilities().defaultConcurrency()));
    BackendInput in = input(samplePdf(dir));
    String expected = backend.convert(in, StandaloneContext.in(dir.resolve("serial"))).markdown();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads * 2; i++) {
        Path temp = dir.resolve("t" + i);
        results.add(pool.submit(() -> backend.convert(in, StandaloneContext.in(temp)).markdown()));
      }
      for (Future<String> f : results) {
        assertEquals(expected, f.get(2, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anEmptyFileIsInvalidInput() throws Exception {
    Path empty = Files.write(dir.resolve("empty.pdf"), new byte[0]);
    assertThrows(
        InvalidInputException.class,
        () -> backend.convert(input(empty), StandaloneContext.in(dir)),
        "an input the parser cannot read is invalid_input, never a retried backend_failed");
  }

  @Test
  void randomBytesAreInvalidInput() throws Exception {
    byte[] bytes = new byte[4096];
    new Random(7).nextBytes(bytes);
    bytes[0] = 'X';
    Path junk = Files.write(dir.resolve("junk.pdf"), bytes);
    assertThrows(
        InvalidInputException.class,
        () -> backend.convert(input(junk), StandaloneContext.in(dir)),
        "an input the parser cannot read is invalid_input, never a retried backend_failed");
  }

  @Test
  void aStoppedRunStops() throws Exception {
    StandaloneContext stopped = StandaloneContext.in(dir.resolve("c"));
    stopped.stop(StopReason.CANCELED);
    ConversionException e =
        assertThrows(
            ConversionException.class, () -> backend.convert(input(samplePdf(dir)), stopped));
    assertEquals("canceled", e.code());
  }

  @Test
  void aRunStoppedAfterItsFirstPageStops() throws Exception {
    StandaloneContext stopping = StandaloneContext.cancelingAfter(dir.resolve("s"), 1);
    ConversionException e =
        assertThrows(
            ConversionException.class,
            () -> backend.convert(input(samplePdf(dir)), stopping),
            "the sample has two pages; the run stops after the first");
    assertEquals("canceled", e.code());
  }

  @Test
  void aPageSelectionConvertsOnlyItsPagesInDocumentOrder() throws Exception {
    assumeSelectsPages();
    Path pdf = TestPdf.write(dir.resolve("three.pdf"), "Kept alpha", "Left bravo", "Kept charlie");
    StandaloneContext ctx = StandaloneContext.in(dir.resolve("p"));
    BackendOutput out = backend.convert(input(pdf, PageSelection.parse("3,1")), ctx);
    assertEquals(2, out.pages(), "pages converted: the two selected");
    String md = out.markdown();
    assertTrue(md.contains("Kept alpha") && md.contains("Kept charlie"), md);
    assertFalse(md.contains("Left bravo"), "page 2 is not selected: " + md);
    assertTrue(md.indexOf("Kept alpha") < md.indexOf("Kept charlie"), "document order: " + md);
    List<String> reports = ctx.progressReports();
    assertEquals("2/2", reports.get(reports.size() - 1), "progress counts selected pages");
  }

  @Test
  void aSelectionRunningPastTheLastPageEndsThere() throws Exception {
    assumeSelectsPages();
    Path pdf = TestPdf.write(dir.resolve("three.pdf"), "Left alpha", "Kept bravo", "Kept charlie");
    BackendOutput out =
        backend.convert(
            input(pdf, PageSelection.parse("2-9")), StandaloneContext.in(dir.resolve("p")));
    assertEquals(2, out.pages());
    assertFalse(out.markdown().contains("Left alpha"), out.markdown());
    assertTrue(out.markdown().contains("Kept charlie"), out.markdown());
  }

  @Test
  void aSelectionWithNoPageOfTheDocumentIsAnInvalidRequest() throws Exception {
    assumeSelectsPages();
    Path pdf = TestPdf.write(dir.resolve("two.pdf"), "Page alpha", "Page bravo");
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                backend.convert(
                    input(pdf, PageSelection.parse("5,7-")),
                    StandaloneContext.in(dir.resolve("p"))));
    assertEquals(PageSelection.OUT_OF_RANGE, e.details().get("reason"), e.getMessage());
    assertEquals("2", e.details().get("pages"), "the document's page count");
  }

  private void assumeSelectsPages() {
    assumeTrue(
        backend.capabilities().selectsPages(),
        "the engine converts every page: its capabilities do not declare selectsPages");
  }

  @Test
  void declarationsAreConsistent() {
    for (EngineOption option : backend.options()) {
      assertEquals(backend.id(), option.engineId(), "options live in the engine's namespace");
      option.check(option.defaultValue());
    }
    assertTrue(backend.concurrency(backend.probe()) >= 1, "concurrency after the probe is >= 1");
    assertNotNull(backend.diagnostics(), "diagnostics() is a map, empty when there is nothing");
  }

  /**
   * The input for a file, with its real hash and size.
   *
   * @param file the PDF
   * @return the input
   * @throws Exception when the file cannot be read
   */
  protected final BackendInput input(Path file) throws Exception {
    return input(file, PageSelection.ALL);
  }

  /**
   * The input for some pages of a file, with its real hash and size.
   *
   * @param file the PDF
   * @param pages the pages to convert
   * @return the input
   * @throws Exception when the file cannot be read
   */
  protected final BackendInput input(Path file, PageSelection pages) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    SourceRef source =
        new SourceRef(file.toString(), file.getFileName().toString(), sha, bytes.length);
    return new BackendInput(
        file,
        source,
        Map.of(),
        Limits.DEFAULTS,
        backend.capabilities().accelerations().iterator().next(),
        pages);
  }
}
