package org.convertalot.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Policy;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations page in a real headless browser (Debian's chromium, which .ci/run installs): the
 * page's script runs, reads the API with the key entered once, and shows a job appear queued and
 * then finish. Skipped, saying why, where no chromium is installed.
 */
class OperationsPageBrowserTest {
  private static final String KEY = "page-key-0123456789abcdef";
  private static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));

  @TempDir Path dir;
  private LoopbackServer loopback;
  private ConversionRuntime runtime;
  private ConversionServer server;

  @BeforeEach
  void start() {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "no headless browser at " + CHROMIUM + ": apt-get install chromium (or -Dchromium=PATH)");
    loopback = LoopbackServer.start(dir, KEY);
    runtime = loopback.runtime;
    server = loopback.server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      loopback.close();
    }
  }

  /** The page's DOM after its script ran for a few (virtual) seconds. */
  private String page(String fragment) throws IOException, InterruptedException {
    Path out = dir.resolve("dom.html");
    Process browser =
        new ProcessBuilder(
                List.of(
                    CHROMIUM.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--user-data-dir=" + dir.resolve("profile"),
                    "--virtual-time-budget=4000",
                    "--dump-dom",
                    server.uri().resolve("/") + fragment))
            .redirectOutput(out.toFile())
            .redirectError(dir.resolve("browser.log").toFile())
            .start();
    assertTrue(browser.waitFor(90, TimeUnit.SECONDS), "the browser did not finish");
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void aJobSubmittedThroughTheApiAppearsQueuedAndThenFinishesOnThePage() throws Exception {
    String empty = page("#key=" + KEY);
    assertTrue(empty.contains("revision " + runtime.status().gitRevision()), empty);
    assertTrue(empty.contains("no jobs yet"), empty);
    assertTrue(empty.contains("<td>pdfbox</td>"), empty);
    assertFalse(empty.contains(KEY), "the key must not stay in the page");

    ConversionClient client = ConversionClient.builder(server.uri()).apiKey(KEY).build();
    runtime.pause();
    JobSnapshot job =
        client
            .submit(
                TestPdf.write(dir.resolve("a.pdf"), "Seen on the page"),
                Policy.CPU_ONLY,
                Map.of(),
                Duration.ZERO)
            .join();
    // No key in the address this time: the page uses the one entered before.
    String queued = page("");
    assertTrue(queued.contains("<td>" + job.id().value() + "</td><td>QUEUED</td>"), queued);

    runtime.resume();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (client.job(job.id()).join().state() != JobState.SUCCEEDED
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    String finished = page("");
    assertTrue(finished.contains("<td>" + job.id().value() + "</td><td>SUCCEEDED</td>"), finished);
    assertTrue(finished.contains("<td>succeeded</td><td>1</td>"), finished);
    assertTrue(finished.contains("<div id=\"problem\"></div>"), "no error shown: " + finished);
  }
}
