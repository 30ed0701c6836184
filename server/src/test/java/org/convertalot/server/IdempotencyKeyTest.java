package org.convertalot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.convertalot.api.JobState;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.server.HttpCalls.Reply;
import org.convertalot.testkit.MutableClock;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Idempotency-Key}: a retried submit gets the first one's job, per API key, for a day. */
class IdempotencyKeyTest {
  private static final String FIRST = "idem-first-0123456789abcdef";
  private static final String SECOND = "idem-second-0123456789abcdef";
  private static final byte[] NOT_A_PDF = "not a pdf".getBytes(StandardCharsets.UTF_8);

  @TempDir java.nio.file.Path dir;
  private final MutableClock clock = MutableClock.atEpochDay();
  private LoopbackServer loopback;
  private HttpCalls first;
  private HttpCalls second;

  @BeforeEach
  void start() {
    loopback = LoopbackServer.start(dir, FIRST, b -> b.apiKey(SECOND).clock(clock));
    first = new HttpCalls(loopback.server.uri(), FIRST);
    second = new HttpCalls(loopback.server.uri(), SECOND);
  }

  @AfterEach
  void stop() {
    loopback.close();
  }

  private static Reply submit(HttpCalls calls, String key, byte[] pdf, String... fields)
      throws Exception {
    Map<String, String> headers = key == null ? Map.of() : Map.of("Idempotency-Key", key);
    return calls.upload("/v1/jobs?wait=30", headers, pdf, fields);
  }

  private static String id(Reply reply) throws Exception {
    assertEquals(200, reply.status(), reply.body());
    return reply.json().get("id").asText();
  }

  @Test
  void aRepeatedKeyGetsTheFirstJobEvenAFailedOne() throws Exception {
    Reply once = submit(first, "retry-1", NOT_A_PDF);
    Reply again = submit(first, "retry-1", NOT_A_PDF);

    assertEquals("FAILED", once.json().get("state").asText());
    assertEquals(id(once), id(again));
    assertNull(once.header("Idempotent-Replayed"));
    assertEquals("true", again.header("Idempotent-Replayed"));
    // Without a key, the same bytes after a failure are a new job (the store's own rule).
    assertNotEquals(id(once), id(submit(first, null, NOT_A_PDF)));
  }

  @Test
  void theSameKeyWithAnotherFileOrOtherSettingsIsRefused() throws Exception {
    byte[] pdf = TestPdf.of("Keyed once");
    String job = id(submit(first, "order-7", pdf, "policy", "cpu_only"));

    Reply otherFile = submit(first, "order-7", TestPdf.of("Another file"), "policy", "cpu_only");
    Reply otherPolicy = submit(first, "order-7", pdf, "policy", "gpu_prefer");

    for (Reply refused : new Reply[] {otherFile, otherPolicy}) {
      assertEquals(422, refused.status(), refused.body());
      assertEquals("idempotency_key_reused", refused.json().at("/error/code").asText());
      assertEquals(job, refused.json().at("/error/details/job_id").asText());
    }
    assertEquals(job, id(submit(first, "order-7", pdf, "policy", "cpu_only")));
  }

  @Test
  void keysBelongToTheirApiKeyAndLastADay() throws Exception {
    String job = id(submit(first, "shared-name", NOT_A_PDF));

    assertNotEquals(job, id(submit(second, "shared-name", NOT_A_PDF)));
    clock.advance(Duration.ofHours(23));
    assertEquals(job, id(submit(first, "shared-name", NOT_A_PDF)));
    clock.advance(Duration.ofHours(1));
    assertNotEquals(job, id(submit(first, "shared-name", NOT_A_PDF)));
  }

  @Test
  void aKeyWhoseJobWasPurgedNamesTheNextJobItMakes() throws Exception {
    String purged = id(submit(first, "after-purge", NOT_A_PDF));
    try (JobStore store =
        JobStores.openFileStore(
            dir.resolve("data"), JobStores.DEFAULT_NAMESPACE, java.time.Clock.systemUTC())) {
      assertEquals(1, store.purge(Duration.ZERO, java.util.Set.of(JobState.FAILED)));
    }

    String next = id(submit(first, "after-purge", NOT_A_PDF));

    assertNotEquals(purged, next);
    assertEquals(next, id(submit(first, "after-purge", NOT_A_PDF)));
  }

  @Test
  void aMalformedKeyIsAnInvalidRequest() throws Exception {
    for (String key : new String[] {" ", "x".repeat(256), "caf\u00e9"}) {
      Reply refused = submit(first, key, TestPdf.of("never stored"));
      assertEquals(400, refused.status(), refused.body());
      assertEquals("invalid_request", refused.json().at("/error/code").asText());
    }
  }
}
