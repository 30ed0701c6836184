package org.convertalot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Policy;
import org.convertalot.server.HttpCalls.Reply;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page selection over HTTP: the {@code pages} field of an upload, the Java client's request, a
 * malformed selection, and an idempotency key repeated with other pages ({@link JsonSubmitTest} has
 * the JSON submit's).
 */
class PageSelectionSubmitTest {
  private static final String KEY = "pages-key-0123456789abcdef";

  @TempDir Path dir;
  private LoopbackServer loopback;
  private HttpCalls http;
  private byte[] threePages;

  @BeforeEach
  void start() {
    loopback = LoopbackServer.start(dir, KEY);
    http = new HttpCalls(loopback.server.uri(), KEY);
    threePages = TestPdf.of("Served alpha", "Served bravo", "Served charlie");
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  @Test
  void anUploadConvertsTheSelectedPagesAndTheJobShowsThem() throws Exception {
    Reply job = http.upload("/v1/jobs?wait=30", threePages, "policy", "cpu_only", "pages", "3,1");

    assertEquals(200, job.status(), job.body());
    assertEquals("1,3", job.json().get("pages").asText());
    String id = job.json().get("id").asText();
    Reply result = http.get("/v1/jobs/" + id + "/result");
    assertTrue(result.body().contains("Served alpha"), result.body());
    assertTrue(result.body().contains("Served charlie"), result.body());
    assertFalse(result.body().contains("Served bravo"), result.body());
  }

  @Test
  void theJavaClientSendsTheRequestsPagesAndFileName() throws Exception {
    ConversionClient client = ConversionClient.builder(loopback.server.uri()).apiKey(KEY).build();
    ConversionRequest request =
        ConversionRequest.builder(threePages, "three pages.pdf")
            .policy(Policy.CPU_ONLY)
            .pages(PageSelection.parse("2-"))
            .build();

    JobSnapshot job = client.submit(request, Duration.ofSeconds(30)).join();

    assertEquals(JobState.SUCCEEDED, job.state());
    assertEquals("2-", job.pages().toString());
    assertEquals("three pages.pdf", job.source().name());
    assertEquals(2, job.manifest().pages());
  }

  @Test
  void aMalformedSelectionIsABadRequestAndMakesNoJob() throws Exception {
    Reply refused = http.upload("/v1/jobs", threePages, "pages", "0-2");

    assertEquals(400, refused.status(), refused.body());
    assertEquals("invalid_request", refused.json().at("/error/code").asText(), refused.body());
    assertEquals("0-2", refused.json().at("/error/details/selection").asText(), refused.body());
    assertEquals(0, http.get("/v1/jobs").json().get("jobs").size());
  }

  @Test
  void anIdempotencyKeyRepeatedWithOtherPagesIsRefused() throws Exception {
    Map<String, String> key = Map.of("Idempotency-Key", "pages-1");
    Reply first = http.upload("/v1/jobs?wait=30", key, threePages, "pages", "1");
    Reply other = http.upload("/v1/jobs?wait=30", key, threePages, "pages", "2");
    Reply same = http.upload("/v1/jobs?wait=30", key, threePages, "pages", "1-1");

    assertEquals(200, first.status(), first.body());
    assertEquals(422, other.status(), other.body());
    assertEquals("idempotency_key_reused", other.json().at("/error/code").asText());
    assertEquals(200, same.status(), same.body());
    assertEquals(first.json().get("id").asText(), same.json().get("id").asText());
  }
}
