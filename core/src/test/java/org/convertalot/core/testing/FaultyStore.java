package org.convertalot.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Progress;
import org.convertalot.api.QuarantinedFile;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.StagedArtifact;
import org.convertalot.core.store.SubmitResult;
import org.convertalot.core.store.VerifyReport;

/**
 * A real store (usually the file store) that counts the calls of its main operations and can be
 * told to throw once from one of them, to reach the runtime's threads with failures a store or a
 * full heap would cause: {@code failNext("heartbeat", new OutOfMemoryError())}. {@link #starved}
 * runs an action (one that fills the heap) while the store's operations fail as a full heap makes
 * them fail, without entering the real store, whose own locks are not built to survive an Error
 * thrown inside them.
 */
public final class FaultyStore implements JobStore {
  private final JobStore delegate;
  private final Map<String, Throwable> next = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> thrown = new ConcurrentHashMap<>();
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private volatile Throwable starving;

  public FaultyStore(JobStore delegate) {
    this.delegate = delegate;
  }

  /** The next call of {@code operation} (claim, heartbeat, reap, sanitize, fail...) throws. */
  public void failNext(String operation, Throwable failure) {
    next.put(operation, failure);
  }

  /** How often {@code operation} was called, including calls that threw. */
  public int calls(String operation) {
    return counter(calls, operation).get();
  }

  /** How often {@code operation} threw the failure it was given. */
  public int thrown(String operation) {
    return counter(thrown, operation).get();
  }

  /**
   * Runs {@code action} while no operation of this store runs: operations already running finish
   * first, operations called meanwhile throw {@code failure} (as they would, allocating, while the
   * action fills the heap) without entering the real store.
   */
  public <T> T starved(Throwable failure, Supplier<T> action) {
    gate.writeLock().lock();
    try {
      starving = failure;
      return action.get();
    } finally {
      starving = null;
      gate.writeLock().unlock();
    }
  }

  private <T> T call(String operation, Supplier<T> delegated) {
    if (operation != null) {
      enter(operation);
    }
    Throwable failure = starving;
    if (failure != null) {
      FaultyStore.<RuntimeException>sneakyThrow(failure);
    }
    gate.readLock().lock();
    try {
      return delegated.get();
    } finally {
      gate.readLock().unlock();
    }
  }

  private static AtomicInteger counter(Map<String, AtomicInteger> map, String operation) {
    return map.computeIfAbsent(operation, k -> new AtomicInteger());
  }

  private void enter(String operation) {
    counter(calls, operation).incrementAndGet();
    Throwable failure = next.remove(operation);
    if (failure != null) {
      counter(thrown, operation).incrementAndGet();
      FaultyStore.<RuntimeException>sneakyThrow(failure);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  @Override
  public String namespace() {
    return delegate.namespace();
  }

  @Override
  public Instant now() {
    return delegate.now();
  }

  @Override
  public SubmitResult submit(NewJob job) {
    return call("submit", () -> delegate.submit(job));
  }

  @Override
  public Optional<JobSnapshot> find(JobId id) {
    return call(null, () -> delegate.find(id));
  }

  @Override
  public Optional<JobSnapshot> claim(WorkerIdentity owner) {
    return call("claim", () -> delegate.claim(owner));
  }

  @Override
  public JobSnapshot heartbeat(
      JobId id, String runId, Progress progress, Map<String, Duration> phaseTimings) {
    return call("heartbeat", () -> delegate.heartbeat(id, runId, progress, phaseTimings));
  }

  @Override
  public StagedArtifact stage(JobId id, String runId, byte[] markdownUtf8) {
    return call("stage", () -> delegate.stage(id, runId, markdownUtf8));
  }

  @Override
  public JobSnapshot complete(
      JobId id,
      String runId,
      StagedArtifact staged,
      ArtifactManifest manifest,
      Map<String, Duration> phaseTimings) {
    return call("complete", () -> delegate.complete(id, runId, staged, manifest, phaseTimings));
  }

  @Override
  public JobSnapshot fail(
      JobId id,
      String runId,
      ErrorInfo error,
      Duration backoff,
      Map<String, Duration> phaseTimings) {
    return call("fail", () -> delegate.fail(id, runId, error, backoff, phaseTimings));
  }

  @Override
  public JobSnapshot release(JobId id, String runId) {
    return call("release", () -> delegate.release(id, runId));
  }

  @Override
  public JobSnapshot cancel(JobId id) {
    return call(null, () -> delegate.cancel(id));
  }

  @Override
  public JobSnapshot markCanceled(JobId id, String runId) {
    return call(null, () -> delegate.markCanceled(id, runId));
  }

  @Override
  public List<JobSnapshot> reap(Duration staleAfter) {
    return call("reap", () -> delegate.reap(staleAfter));
  }

  @Override
  public JobPage list(PageRequest page) {
    return call(null, () -> delegate.list(page));
  }

  @Override
  public Map<JobState, Long> counts() {
    return call(null, () -> delegate.counts());
  }

  @Override
  public List<JobSnapshot> runningJobs() {
    return call(null, () -> delegate.runningJobs());
  }

  @Override
  public boolean idle() {
    return call(null, () -> delegate.idle());
  }

  @Override
  public byte[] readArtifact(ArtifactManifest manifest) {
    return call(null, () -> delegate.readArtifact(manifest));
  }

  @Override
  public VerifyReport verify() {
    return call(null, () -> delegate.verify());
  }

  @Override
  public int sanitize() {
    return call("sanitize", () -> delegate.sanitize());
  }

  @Override
  public long impossibleStatesRepaired() {
    return delegate.impossibleStatesRepaired();
  }

  @Override
  public Set<JobId> integrityViolations() {
    return delegate.integrityViolations();
  }

  @Override
  public List<QuarantinedFile> quarantined() {
    return delegate.quarantined();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
