package org.convertalot.testkit;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Progress;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.api.error.JobNotFoundException;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobTransitions;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.StagedArtifact;
import org.convertalot.core.store.SubmitResult;
import org.convertalot.core.store.VerifyReport;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.core.store.spi.JobInvariants;

/**
 * A store written outside core, the way a third party would write one: rows in a map behind one
 * lock, every decision taken by {@link JobTransitions}, and a clock it owns (like a database's
 * {@code now()}), which tests can only shift, not inject. Not for production: nothing is durable.
 */
final class InMemoryJobStore implements JobStore {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final TreeMap<Long, JobId> bySequence = new TreeMap<>();
  private final Map<JobId, JobSnapshot> rows = new HashMap<>();
  private final Map<String, JobId> keys = new HashMap<>();
  private final Map<String, byte[]> staged = new HashMap<>();
  private final Map<String, byte[]> published = new HashMap<>();
  private final SecureRandom random = new SecureRandom();
  private Duration offset = Duration.ZERO;
  private long sequence;

  /** Shifts the store's own clock, as a test of a database clock would. */
  synchronized void shift(Duration amount) {
    offset = offset.plus(amount);
  }

  @Override
  public String describe() {
    return "memory:";
  }

  @Override
  public String namespace() {
    return "test";
  }

  @Override
  public synchronized Instant now() {
    return START.plus(offset);
  }

  @Override
  public synchronized SubmitResult submit(NewJob job) {
    String key = job.idempotencyKey();
    JobId existing = keys.get(key);
    if (existing != null && JobTransitions.isReusable(rows.get(existing))) {
      return new SubmitResult(rows.get(existing), false);
    }
    JobId id = JobId.generate(now().toEpochMilli(), random);
    JobSnapshot created = JobTransitions.submit(job, id, ++sequence, now());
    rows.put(id, created);
    bySequence.put(created.sequence(), id);
    keys.put(key, id);
    return new SubmitResult(created, true);
  }

  @Override
  public synchronized Optional<JobSnapshot> find(JobId id) {
    return Optional.ofNullable(rows.get(id));
  }

  @Override
  public synchronized Optional<JobSnapshot> claim(WorkerIdentity owner) {
    for (JobId id : bySequence.values()) {
      JobSnapshot job = rows.get(id);
      if (JobTransitions.isClaimable(job, now())) {
        return Optional.of(
            put(JobTransitions.claim(job, now(), UUID.randomUUID().toString(), owner)));
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized JobSnapshot heartbeat(
      JobId id, String runId, Progress progress, Map<String, Duration> phaseTimings) {
    return put(JobTransitions.heartbeat(row(id), now(), runId, progress, phaseTimings));
  }

  @Override
  public synchronized StagedArtifact stage(JobId id, String runId, byte[] markdownUtf8) {
    JobTransitions.checkFence(row(id), runId);
    staged.put(runId, markdownUtf8.clone());
    return new StagedArtifact(
        id, runId, Hashing.sha256Hex(markdownUtf8), markdownUtf8.length, "memory:" + runId);
  }

  @Override
  public synchronized JobSnapshot complete(
      JobId id,
      String runId,
      StagedArtifact artifact,
      ArtifactManifest manifest,
      Map<String, Duration> phaseTimings) {
    JobTransitions.checkManifest(id, runId, artifact, manifest);
    JobSnapshot done = JobTransitions.complete(row(id), now(), runId, manifest, phaseTimings);
    byte[] bytes = staged.remove(runId);
    if (done.state() == JobState.CANCELED) {
      return put(done);
    }
    if (bytes == null || bytes.length != manifest.size()) {
      throw new IntegrityViolationException(
          "nothing of that size was staged by run " + runId, Map.of(), id.value(), 0);
    }
    published.put(runId, bytes);
    return put(done);
  }

  @Override
  public synchronized JobSnapshot fail(
      JobId id,
      String runId,
      ErrorInfo error,
      Duration backoff,
      Map<String, Duration> phaseTimings) {
    return put(JobTransitions.fail(row(id), now(), runId, error, backoff, phaseTimings));
  }

  @Override
  public synchronized JobSnapshot release(JobId id, String runId) {
    return put(JobTransitions.release(row(id), now(), runId));
  }

  @Override
  public synchronized JobSnapshot cancel(JobId id) {
    JobSnapshot current = row(id);
    return JobTransitions.cancel(current, now()).map(this::put).orElse(current);
  }

  @Override
  public synchronized JobSnapshot markCanceled(JobId id, String runId) {
    return put(JobTransitions.markCanceled(row(id), now(), runId));
  }

  @Override
  public synchronized List<JobSnapshot> reap(Duration staleAfter) {
    List<JobSnapshot> out = new ArrayList<>();
    for (JobSnapshot job : List.copyOf(rows.values())) {
      JobTransitions.reap(job, now(), staleAfter).map(this::put).ifPresent(out::add);
    }
    return out;
  }

  @Override
  public synchronized JobPage list(PageRequest page) {
    List<JobSnapshot> out = new ArrayList<>();
    boolean more = false;
    Collection<JobId> ordered =
        page.newestFirst() ? bySequence.descendingMap().values() : bySequence.values();
    for (JobId id : ordered) {
      JobSnapshot job = rows.get(id);
      if (!page.admits(job)) {
        continue;
      }
      if (out.size() == page.limit()) {
        more = true;
        break;
      }
      out.add(job);
    }
    return new JobPage(
        out, more ? OptionalLong.of(out.get(out.size() - 1).sequence()) : OptionalLong.empty());
  }

  @Override
  public synchronized Map<JobState, Long> counts() {
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    for (JobState s : JobState.values()) {
      counts.put(s, 0L);
    }
    rows.values().forEach(j -> counts.merge(j.state(), 1L, Long::sum));
    return counts;
  }

  @Override
  public synchronized List<JobSnapshot> runningJobs() {
    return rows.values().stream().filter(j -> j.state() == JobState.RUNNING).toList();
  }

  @Override
  public synchronized boolean idle() {
    return rows.values().stream().allMatch(j -> j.state().isTerminal());
  }

  @Override
  public synchronized byte[] readArtifact(ArtifactManifest manifest) {
    byte[] bytes = published.get(manifest.runId());
    if (bytes == null
        || bytes.length != manifest.size()
        || !Hashing.sha256Hex(bytes).equals(manifest.sha256())) {
      throw new IntegrityViolationException(
          "artifact of run " + manifest.runId() + " is missing or does not match its manifest",
          Map.of("run_id", manifest.runId()),
          manifest.jobId().value(),
          manifest.attempt());
    }
    return bytes.clone();
  }

  @Override
  public synchronized VerifyReport verify() {
    List<String> violations = new ArrayList<>();
    long artifacts = 0;
    for (JobSnapshot job : rows.values()) {
      JobInvariants.violations(job).forEach(v -> violations.add(job.id() + " " + v));
      if (job.state() == JobState.SUCCEEDED) {
        artifacts++;
        try {
          readArtifact(job.manifest());
        } catch (IntegrityViolationException e) {
          violations.add(job.id() + " S: " + e.getMessage());
        }
      }
    }
    return new VerifyReport(rows.size(), artifacts, violations);
  }

  @Override
  public void close() {}

  private JobSnapshot row(JobId id) {
    JobSnapshot job = rows.get(id);
    if (job == null) {
      throw new JobNotFoundException(id.value());
    }
    return job;
  }

  private JobSnapshot put(JobSnapshot job) {
    rows.put(job.id(), job);
    return job;
  }
}
