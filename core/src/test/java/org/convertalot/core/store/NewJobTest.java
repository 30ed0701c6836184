package org.convertalot.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.Limits;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;
import org.junit.jupiter.api.Test;

class NewJobTest {
  private static final NewJob PLAIN =
      new NewJob(
          new SourceRef(
              "/in/a.pdf",
              "a.pdf",
              "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
              100),
          Policy.CPU_ONLY,
          null,
          Map.of(),
          Limits.DEFAULTS,
          3);

  private static final NewJob RICH =
      new NewJob(
          new SourceRef(
              "/x/b.pdf",
              "b.pdf",
              "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d",
              7),
          Policy.GPU_PREFER,
          "pdfbox",
          Map.of("ocr", "on", "lang", "eng+deu", "z", "a=b:c"),
          new Limits(1000, 20, Duration.ofSeconds(90)),
          5);

  @Test
  void keysAreTheOnesExistingDataRootsStore() {
    // Taken from FileJobStore.idempotencyKey before the key moved here: data roots hold them.
    assertEquals(
        "a334137e8e88a09d7bcf9333edf479ec01c0e347f1b7fdeb43329ce9dd96fead", PLAIN.idempotencyKey());
    assertEquals(
        "afd7d3500f49c0240bab84ffc1a1ba2cb0ef26716448e06346a471fb72366664", RICH.idempotencyKey());
  }

  @Test
  void theSourcePathAndNameAreNotPartOfTheKey() {
    SourceRef s = PLAIN.source();
    NewJob renamed =
        new NewJob(
            new SourceRef("/elsewhere/c.pdf", "c.pdf", s.sha256(), s.size()),
            PLAIN.policy(),
            null,
            Map.of(),
            Limits.DEFAULTS,
            3);
    assertEquals(PLAIN.idempotencyKey(), renamed.idempotencyKey());
    NewJob otherOptions =
        new NewJob(s, PLAIN.policy(), null, Map.of("ocr", "off"), Limits.DEFAULTS, 3);
    assertNotEquals(PLAIN.idempotencyKey(), otherOptions.idempotencyKey());
  }

  @Test
  void aStoredJobHasTheKeyItWasSubmittedWith() {
    JobSnapshot stored =
        JobSnapshot.builder(
                JobId.of("01kdvdna0069t314j3afch8xq3"),
                1,
                RICH.source(),
                RICH.policy(),
                Instant.EPOCH)
            .engineHint(RICH.engineHint())
            .options(RICH.options())
            .limits(RICH.limits())
            .maxAttempts(RICH.maxAttempts())
            .build();
    assertEquals(RICH, NewJob.from(stored));
    assertEquals(RICH.idempotencyKey(), NewJob.from(stored).idempotencyKey());
  }

  @Test
  void aSelectionIsPartOfTheKeyInItsCanonicalForm() {
    NewJob some = withPages(PLAIN, PageSelection.parse("1-2,5"));

    assertNotEquals(PLAIN.idempotencyKey(), some.idempotencyKey());
    assertEquals(
        some.idempotencyKey(), withPages(PLAIN, PageSelection.parse("5, 2,1")).idempotencyKey());
    assertNotEquals(
        some.idempotencyKey(), withPages(PLAIN, PageSelection.parse("1-2,5-")).idempotencyKey());
    assertEquals(
        PLAIN.idempotencyKey(),
        withPages(PLAIN, PageSelection.parse("1-")).idempotencyKey(),
        "every page keys as before selections existed");
  }

  @Test
  void aStoredSelectionGivesTheSameRequest() {
    NewJob some = withPages(RICH, PageSelection.of(3, 4));
    JobSnapshot stored =
        JobTransitions.submit(some, JobId.of("01kdvdna0069t314j3afch8xq3"), 1, Instant.EPOCH);

    assertEquals("3-4", stored.pages().toString());
    assertEquals(some.idempotencyKey(), NewJob.from(stored).idempotencyKey());
  }

  private static NewJob withPages(NewJob job, PageSelection pages) {
    return new NewJob(
        job.source(),
        job.policy(),
        job.engineHint(),
        job.options(),
        job.limits(),
        job.maxAttempts(),
        pages);
  }
}
