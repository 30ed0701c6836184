package org.convertalot.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.convertalot.api.JobId;
import org.convertalot.api.Limits;
import org.convertalot.api.SourceRef;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.InvalidInputException;
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
 * Depend on {@code org.convertalot:convertalot-api} with {@code <type>test-jar</type>} and {@code
 * <scope>test</scope>}. Override {@link #samplePdf(Path)} when your engine needs other input than a
 * small two-page text PDF, and {@link #expectedText()} to match it.
 */
public abstract class BackendContract {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  @TempDir protected Path dir;

  private ConversionBackend backend;

  /** Creates the engine under test; called before each test, closed after it. */
  protected abstract ConversionBackend createBackend();

  /** Writes a PDF the engine must convert; the default has two pages of plain text. */
  protected Path samplePdf(Path folder) throws Exception {
    return Files.write(
        folder.resolve("sample.pdf"), MinimalPdf.of("Contract page one", "Contract page two"));
  }

  /** A piece of text the Markdown of {@link #samplePdf(Path)} must contain. */
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
    assertTrue(ID.matcher(backend.id()).matches(), "id must match " + ID + ": " + backend.id());
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
    Recording ctx = new Recording(dir.resolve("tmp"));
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
        ctx.progress.isEmpty(), "progress(done, total) must be reported, at least per page");
  }

  @Test
  void conversionIsDeterministic() throws Exception {
    BackendInput in = input(samplePdf(dir));
    String first = backend.convert(in, new Recording(dir.resolve("a"))).markdown();
    String second = backend.convert(in, new Recording(dir.resolve("b"))).markdown();
    assertEquals(first, second);
  }

  @Test
  void concurrentConversionsAgree() throws Exception {
    int threads = Math.max(2, Math.min(4, backend.capabilities().defaultConcurrency()));
    BackendInput in = input(samplePdf(dir));
    String expected = backend.convert(in, new Recording(dir.resolve("serial"))).markdown();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < threads * 2; i++) {
        Path temp = dir.resolve("t" + i);
        results.add(pool.submit(() -> backend.convert(in, new Recording(temp)).markdown()));
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
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> backend.convert(input(empty), new Recording(dir)));
    assertEquals("empty", e.details().get("reason"));
  }

  @Test
  void randomBytesAreNotAPdf() throws Exception {
    byte[] bytes = new byte[4096];
    new Random(7).nextBytes(bytes);
    bytes[0] = 'X';
    Path junk = Files.write(dir.resolve("junk.pdf"), bytes);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> backend.convert(input(junk), new Recording(dir)));
    assertEquals("not_a_pdf", e.details().get("reason"));
  }

  @Test
  void aCanceledRunStops() throws Exception {
    Recording canceled = new Recording(dir.resolve("c"));
    canceled.canceled = true;
    ConversionException e =
        assertThrows(
            ConversionException.class, () -> backend.convert(input(samplePdf(dir)), canceled));
    assertEquals("canceled", e.code());
  }

  /** The input for a file, with its real hash and size. */
  protected final BackendInput input(Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    SourceRef source =
        new SourceRef(file.toString(), file.getFileName().toString(), sha, bytes.length);
    return new BackendInput(
        file,
        source,
        Map.of(),
        Limits.DEFAULTS,
        backend.capabilities().accelerations().iterator().next());
  }

  /**
   * A context that records progress and phases and can be canceled; also for an engine's own tests
   * that need a context to convert with.
   */
  public static final class Recording implements BackendContext {
    final List<String> progress = new CopyOnWriteArrayList<>();
    final List<String> phases = new CopyOnWriteArrayList<>();
    volatile boolean canceled;
    private final Path temp;

    /**
     * A context whose temp dir is {@code temp}, created when first asked for.
     *
     * @param temp the temp dir to hand the engine
     */
    public Recording(Path temp) {
      this.temp = temp;
    }

    @Override
    public JobId jobId() {
      return JobId.of("0".repeat(26));
    }

    @Override
    public int attempt() {
      return 1;
    }

    @Override
    public void progress(int pagesDone, int pagesTotal) {
      progress.add(pagesDone + "/" + pagesTotal);
    }

    @Override
    public void phase(String name) {
      phases.add(name);
    }

    @Override
    public boolean isCanceled() {
      return canceled;
    }

    @Override
    public Instant deadline() {
      return Instant.now().plus(Duration.ofMinutes(10));
    }

    @Override
    public Path tempDir() {
      try {
        return Files.createDirectories(temp);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
