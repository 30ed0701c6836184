package org.convertalot.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.StagedArtifact;
import org.convertalot.core.store.spi.Hashing;

/** Small factories for store-level tests: jobs, workers and the success path of a run. */
public final class StoreJobs {
  public static final WorkerIdentity WORKER = new WorkerIdentity("test-host", 1, "w1");
  public static final WorkerIdentity OTHER_WORKER = new WorkerIdentity("test-host", 2, "w2");

  private StoreJobs() {}

  /** A new job whose source hash is derived from {@code name}, so names give distinct jobs. */
  public static NewJob job(String name) {
    return job(name, Map.of());
  }

  public static NewJob job(String name, Map<String, String> options) {
    String sha = Hashing.sha256Hex(name.getBytes(StandardCharsets.UTF_8));
    return new NewJob(
        new SourceRef("/in/" + name + ".pdf", name + ".pdf", sha, 100),
        Policy.CPU_ONLY,
        null,
        options,
        Limits.DEFAULTS,
        3);
  }

  /** Stages Markdown and completes the run: the whole success path of a worker. */
  public static JobSnapshot completeWith(JobStore store, JobSnapshot running, String markdown) {
    StagedArtifact staged =
        store.stage(running.id(), running.runId(), markdown.getBytes(StandardCharsets.UTF_8));
    return store.complete(
        running.id(), running.runId(), staged, manifest(running, staged, store.now()), Map.of());
  }

  public static ArtifactManifest manifest(JobSnapshot running, StagedArtifact staged, Instant now) {
    return ArtifactManifest.builder(running)
        .artifact(staged.sha256(), staged.size())
        .engine("test", "1")
        .pages(1)
        .createdAt(now)
        .build();
  }
}
