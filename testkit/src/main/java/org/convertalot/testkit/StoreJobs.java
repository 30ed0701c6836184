package org.convertalot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.Limits;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.StagedArtifact;
import org.convertalot.core.store.spi.Hashing;

/** Small factories for store-level tests: jobs, workers and the success path of a run. */
public final class StoreJobs {
  /** The worker most tests claim with. */
  public static final WorkerIdentity WORKER = new WorkerIdentity("test-host", 1, "w1");

  /** A second worker, on another process of the same host. */
  public static final WorkerIdentity OTHER_WORKER = new WorkerIdentity("test-host", 2, "w2");

  /** The most claims {@link #job} allows before a retryable failure becomes final. */
  public static final int MAX_ATTEMPTS = 3;

  private StoreJobs() {}

  /**
   * A new job whose source hash is derived from {@code name}, so names give distinct jobs.
   *
   * @param name the job's name
   * @return the job to submit
   */
  public static NewJob job(String name) {
    return job(name, Map.of());
  }

  /**
   * A new job with engine options, which are part of its idempotency key.
   *
   * @param name the job's name
   * @param options the engine options
   * @return the job to submit
   */
  public static NewJob job(String name, Map<String, String> options) {
    String sha = Hashing.sha256Hex(name.getBytes(StandardCharsets.UTF_8));
    return new NewJob(
        new SourceRef("/in/" + name + ".pdf", name + ".pdf", sha, 100),
        Policy.CPU_ONLY,
        null,
        options,
        Limits.DEFAULTS,
        MAX_ATTEMPTS);
  }

  /**
   * Stages Markdown and completes the run: the whole success path of a worker.
   *
   * @param store the store
   * @param running the claimed job
   * @param markdown the Markdown to publish
   * @return the succeeded job
   */
  public static JobSnapshot completeWith(JobStore store, JobSnapshot running, String markdown) {
    StagedArtifact staged =
        store.stage(running.id(), running.runId(), markdown.getBytes(StandardCharsets.UTF_8));
    return store.complete(
        running.id(), running.runId(), staged, manifest(running, staged, store.now()), Map.of());
  }

  /**
   * The manifest a worker writes for a staged artifact.
   *
   * @param running the claimed job
   * @param staged the staged artifact
   * @param now the manifest's creation time
   * @return the manifest
   */
  public static ArtifactManifest manifest(JobSnapshot running, StagedArtifact staged, Instant now) {
    return ArtifactManifest.builder(running)
        .artifact(staged.sha256(), staged.size())
        .engine("test", "1")
        .pages(1)
        .createdAt(now)
        .build();
  }

  /**
   * Every job of a store, page by page in submit order.
   *
   * @param store the store
   * @return all its jobs
   */
  public static List<JobSnapshot> listAll(JobStore store) {
    List<JobSnapshot> all = new ArrayList<>();
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      JobPage p = store.list(page);
      all.addAll(p.jobs());
      if (p.nextCursor().isEmpty()) {
        return all;
      }
      page = PageRequest.after(p.nextCursor().getAsLong(), PageRequest.MAX_LIMIT);
    }
  }

  /**
   * The ids of every page from {@code page} on, checking each page's size and their count.
   *
   * @param store the store listed
   * @param page the first page
   * @param expectedPages how many pages there must be
   * @return the ids, in the order listed
   */
  public static List<JobId> pageThrough(JobStore store, PageRequest page, int expectedPages) {
    List<JobId> seen = new ArrayList<>();
    int pages = 0;
    while (true) {
      JobPage p = store.list(page);
      pages++;
      assertTrue(p.jobs().size() <= page.limit());
      p.jobs().forEach(j -> seen.add(j.id()));
      if (p.nextCursor().isEmpty()) {
        break;
      }
      page = page.next(p.nextCursor().getAsLong());
    }
    assertEquals(expectedPages, pages, "pages for " + page);
    return seen;
  }
}
