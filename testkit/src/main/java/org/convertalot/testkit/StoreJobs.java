package org.convertalot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobTotals;
import org.convertalot.api.Limits;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;
import org.convertalot.api.Warning;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.api.error.ErrorCode;
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
   * Fills an empty store with one job of every kind its totals count, each claimed in submit order:
   * a success of 3 pages with a warning, a success of 2 pages that fell back to the CPU, a success
   * claimed twice (a retryable failure first), two failures of one code and one of another, a
   * canceled and a queued job.
   *
   * @param store an empty store
   * @return the totals the store must report
   */
  public static JobTotals totalsScenario(JobStore store) {
    Warning warning = new Warning(Warning.PAGES_WITHOUT_TEXT, "page 2 yields no text", List.of(2));
    complete(store, "warned", b -> b.pages(3).warnings(List.of(warning)));
    complete(store, "fell-back", b -> b.pages(2).fallbackReason("no_gpu_engine"));
    store.submit(job("retried"));
    JobSnapshot first = store.claim(WORKER).orElseThrow();
    store.fail(
        first.id(), first.runId(), error(ErrorCode.BACKEND_FAILED, true), Duration.ZERO, Map.of());
    complete(store, "retried", b -> b.pages(1));
    for (String name : List.of("bad-1", "bad-2")) {
      store.submit(job(name));
      JobSnapshot running = store.claim(WORKER).orElseThrow();
      store.fail(
          running.id(),
          running.runId(),
          error(ErrorCode.INVALID_INPUT, false),
          Duration.ZERO,
          Map.of());
    }
    store.submit(job("late"));
    JobSnapshot late = store.claim(WORKER).orElseThrow();
    store.fail(late.id(), late.runId(), error(ErrorCode.TIMEOUT, false), Duration.ZERO, Map.of());
    store.cancel(store.submit(job("canceled")).job().id());
    store.submit(job("queued"));
    return new JobTotals(8, 1, 6, 1, 1, Map.of("invalid_input", 2L, "timeout", 1L));
  }

  private static void complete(
      JobStore store, String name, UnaryOperator<ArtifactManifest.Builder> manifest) {
    // Returns the job already queued when the caller submitted (and failed) it once.
    store.submit(job(name));
    JobSnapshot running = store.claim(WORKER).orElseThrow();
    StagedArtifact staged =
        store.stage(
            running.id(), running.runId(), ("# " + name + "\n").getBytes(StandardCharsets.UTF_8));
    ArtifactManifest m =
        manifest
            .apply(
                ArtifactManifest.builder(running)
                    .artifact(staged.sha256(), staged.size())
                    .engine("test", "1")
                    .createdAt(store.now()))
            .build();
    store.complete(running.id(), running.runId(), staged, m, Map.of());
  }

  private static ErrorInfo error(ErrorCode code, boolean retryable) {
    return new ErrorInfo(code, "failed on purpose", Map.of(), retryable);
  }

  /**
   * Every job of a store, page by page in submit order.
   *
   * @param store the store
   * @return all its jobs
   */
  public static List<JobSnapshot> listAll(JobStore store) {
    List<JobSnapshot> all = new ArrayList<>();
    JobPage.forEach(store::list, PageRequest.first(PageRequest.MAX_LIMIT), all::add);
    return all;
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
