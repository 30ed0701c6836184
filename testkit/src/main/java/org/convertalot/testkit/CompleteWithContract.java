package org.convertalot.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.api.error.LeaseLostException;
import org.convertalot.api.error.TerminalStateConflictException;
import org.convertalot.core.store.JobStore;
import org.junit.jupiter.api.Test;

/**
 * The conformance checks of {@link JobStore#completeWith}, which a store may do in one step instead
 * of {@code stage} then {@code complete}: the same outcomes, fencing and manifest check. Part of
 * {@link JobStoreContract}, which implements it; kept apart so that each file stays readable.
 */
public interface CompleteWithContract {
  /**
   * The store under test, open for the current test.
   *
   * @return the store
   */
  JobStore storeUnderTest();

  /** A job from submit to a claimed run. */
  private JobSnapshot claimed(String name) {
    JobStore store = storeUnderTest();
    store.submit(StoreJobs.job(name));
    return store.claim(StoreJobs.WORKER).orElseThrow();
  }

  /** Completes with the kit's manifest for what was staged, at the time the store gives. */
  private JobSnapshot completeWith(JobSnapshot running, String runId, String markdown) {
    return storeUnderTest()
        .completeWith(
            running.id(),
            runId,
            markdown.getBytes(StandardCharsets.UTF_8),
            (staged, now) -> StoreJobs.manifest(running, staged, now),
            Map.of());
  }

  /** The artifact is published with the manifest built from it, on the store's clock. */
  @Test
  default void completeWithPublishesTheArtifactAndRecordsItsManifest() {
    JobStore store = storeUnderTest();
    JobSnapshot running = claimed("complete-with");
    JobSnapshot done = completeWith(running, running.runId(), "# done in one step\n");
    assertEquals(JobState.SUCCEEDED, done.state());
    ArtifactManifest manifest = done.manifest();
    assertEquals(running.runId(), manifest.runId());
    assertFalse(manifest.createdAt().isAfter(store.now()), "the manifest's time is the store's");
    assertFalse(manifest.createdAt().isBefore(running.startedAt()));
    assertArrayEquals(
        "# done in one step\n".getBytes(StandardCharsets.UTF_8), store.readArtifact(manifest));
    assertEquals(done, store.get(running.id()));
    assertTrue(store.verify().clean(), store.verify().violations()::toString);
  }

  /** A cancel requested while the run converted wins: CANCELED, nothing published. */
  @Test
  default void completeWithAfterACancelRequestEndsCanceledAndPublishesNothing() {
    JobStore store = storeUnderTest();
    JobSnapshot running = claimed("complete-with-canceled");
    store.cancel(running.id());
    JobSnapshot done = completeWith(running, running.runId(), "# too late\n");
    assertEquals(JobState.CANCELED, done.state());
    assertNull(done.manifest());
    assertTrue(store.verify().clean(), store.verify().violations()::toString);
    assertEquals(0, store.verify().artifactsChecked());
  }

  /** Another run's token is lease_lost, an ended job terminal_state_conflict; nothing changes. */
  @Test
  default void completeWithIsFenced() {
    JobStore store = storeUnderTest();
    JobSnapshot running = claimed("complete-with-fenced");
    assertThrows(
        LeaseLostException.class,
        () -> completeWith(running, "00000000-0000-0000-0000-000000000000", "# not mine\n"));
    assertEquals(running, store.get(running.id()));
    JobSnapshot done = completeWith(running, running.runId(), "# mine\n");
    assertThrows(
        TerminalStateConflictException.class,
        () -> completeWith(running, running.runId(), "# twice\n"));
    assertEquals(done, store.get(running.id()));
  }

  /** A manifest that does not describe the bytes is refused before anything is written. */
  @Test
  default void completeWithRefusesAManifestOfOtherBytes() {
    JobStore store = storeUnderTest();
    JobSnapshot running = claimed("complete-with-lying");
    assertThrows(
        IntegrityViolationException.class,
        () ->
            store.completeWith(
                running.id(),
                running.runId(),
                "# the bytes\n".getBytes(StandardCharsets.UTF_8),
                (staged, now) ->
                    ArtifactManifest.builder(running)
                        .artifact("0".repeat(64), staged.size())
                        .engine("test", "1")
                        .pages(1)
                        .createdAt(now)
                        .build(),
                Map.of()));
    assertEquals(JobState.RUNNING, store.get(running.id()).state());
  }
}
