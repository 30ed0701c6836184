package org.convertalot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Policy;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.JobNotFoundException;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java client against a real server on loopback: api types back, typed exceptions. */
class ConversionClientTest {
  private static final String KEY = "client-key-0123456789abcdef";

  @TempDir Path dir;
  private LoopbackServer loopback;
  private ConversionRuntime runtime;
  private ConversionServer server;
  private ConversionClient client;

  @BeforeEach
  void start() {
    loopback = LoopbackServer.start(dir, KEY);
    runtime = loopback.runtime;
    server = loopback.server;
    client = ConversionClient.builder(server.uri()).apiKey(KEY).build();
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  @Test
  void aSubmittedPdfComesBackAsAVerifiedResult() throws Exception {
    Path pdf = TestPdf.write(dir.resolve("in.pdf"), "Fetched by the Java client");

    JobSnapshot job = client.submit(pdf, Policy.CPU_ONLY, Map.of(), Duration.ofSeconds(30)).join();
    ConversionResult result = client.result(job.id()).join();

    assertEquals(JobState.SUCCEEDED, job.state());
    assertTrue(result.markdown().contains("Fetched by the Java client"), result.markdown());
    assertEquals(Hashing.sha256Hex(Files.readAllBytes(pdf)), result.manifest().source().sha256());
    assertEquals(JobState.SUCCEEDED, client.job(job.id()).join().state());
    assertEquals(runtime.status().gitRevision(), client.health().join().revision());
  }

  @Test
  void listingPagesInEitherOrderAndByState() throws Exception {
    runtime.pause();
    List<JobId> submitted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Path pdf = TestPdf.write(dir.resolve("l" + i + ".pdf"), "Listed " + i);
      submitted.add(client.submit(pdf, Policy.CPU_ONLY, Map.of(), Duration.ZERO).join().id());
    }
    client.cancel(submitted.get(1)).join();
    client.cancel(submitted.get(3)).join();

    List<JobId> newest = new ArrayList<>();
    PageRequest page = PageRequest.newest(2);
    while (true) {
      JobPage p = client.list(page).join();
      p.jobs().forEach(j -> newest.add(j.id()));
      if (p.nextCursor().isEmpty()) {
        break;
      }
      page = page.next(p.nextCursor().getAsLong());
    }
    JobPage canceled = client.list(PageRequest.first(10).inState(JobState.CANCELED)).join();

    List<JobId> reversed = new ArrayList<>(submitted);
    Collections.reverse(reversed);
    assertEquals(reversed, newest);
    assertEquals(
        List.of(submitted.get(1), submitted.get(3)),
        canceled.jobs().stream().map(JobSnapshot::id).toList());
  }

  @Test
  void errorEnvelopesBecomeTheExceptionsOfTheirCodes() throws Exception {
    Path notPdf = Files.writeString(dir.resolve("not.pdf"), "plain text");
    JobSnapshot failed =
        client.submit(notPdf, Policy.CPU_ONLY, Map.of(), Duration.ofSeconds(30)).join();

    CompletionException missing =
        assertThrows(
            CompletionException.class,
            () -> client.job(JobId.of("01m8aaaaaaaaaaaaaaaaaaaaaa")).join());
    CompletionException invalid =
        assertThrows(CompletionException.class, () -> client.result(failed.id()).join());
    ConversionClient wrongKey =
        ConversionClient.builder(server.uri()).apiKey("not-the-key-000000000").build();
    CompletionException forbidden =
        assertThrows(CompletionException.class, () -> wrongKey.job(failed.id()).join());

    assertTrue(missing.getCause() instanceof JobNotFoundException, missing.toString());
    assertTrue(invalid.getCause() instanceof InvalidInputException, invalid.toString());
    assertEquals(
        failed.id().value(), ((InvalidInputException) invalid.getCause()).jobId().orElseThrow());
    assertTrue(forbidden.getCause() instanceof ConfigurationException, forbidden.toString());
    assertEquals(
        "forbidden", ((ConfigurationException) forbidden.getCause()).details().get("http_code"));
  }
}
