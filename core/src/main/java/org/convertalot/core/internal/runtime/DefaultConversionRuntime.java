package org.convertalot.core.internal.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobId;
import org.convertalot.api.JobListener;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.JobTotals;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Progress;
import org.convertalot.api.SourceRef;
import org.convertalot.api.StatusSnapshot;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.api.backend.ProbeResult;
import org.convertalot.api.backend.StopReason;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.api.error.JobNotFoundException;
import org.convertalot.api.error.LeaseLostException;
import org.convertalot.api.error.TerminalStateConflictException;
import org.convertalot.core.internal.markdown.MarkdownNormalizer;
import org.convertalot.core.internal.process.ProcessTokens;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.SubmitResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime: worker threads claim jobs, run their engine on a separate thread with a deadline,
 * heartbeat while it runs, and complete or fail the job with retry classification. A maintenance
 * thread reaps stale jobs and settles the futures of jobs finished elsewhere.
 */
public final class DefaultConversionRuntime implements ConversionRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultConversionRuntime.class);

  final RuntimeConfig config;
  final JobStore store;
  private final EngineRegistry registry;
  final PolicyResolver resolver;
  final MarkdownNormalizer normalizer = new MarkdownNormalizer();
  private final WorkerIdentity identity;
  final ProcessTokens tokens;
  private final Instant startedAt;
  final Map<JobId, CompletableFuture<ConversionResult>> pending = new ConcurrentHashMap<>();
  final Map<JobId, RunContext> active = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private final ThreadPoolExecutor engineThreads;
  private final Signal work = new Signal();
  private final Signal maintenance = new Signal();
  // Submits announce QUEUED under the read lock; a worker announces its claim under the write
  // lock, so a listener never sees RUNNING before QUEUED for a job submitted here.
  final ReentrantReadWriteLock announceOrder = new ReentrantReadWriteLock();
  final RuntimeCounters counters = new RuntimeCounters();
  final StoreOutage outage;
  final SourceStaging staging;
  private volatile boolean paused;
  volatile boolean closed;
  private Instant lastReap;
  private final AtomicLong lastClaimFailureLog = new AtomicLong();
  private volatile JobStore.Subscription wakeups = () -> {};

  /** Opens the runtime and starts its threads. */
  public static DefaultConversionRuntime start(RuntimeConfig config) {
    DefaultConversionRuntime runtime = new DefaultConversionRuntime(config);
    runtime.startThreads();
    if (config.workers() > 0) {
      // Jobs queued by other processes wake the workers at once; polling stays the fallback.
      runtime.wakeups = runtime.store.onWorkAvailable(runtime::wakeWorkers);
    }
    return runtime;
  }

  private DefaultConversionRuntime(RuntimeConfig config) {
    this.config = config;
    this.store = config.store();
    this.registry =
        EngineRegistry.discover(
            config.backends(),
            config.useServiceLoader(),
            config.classLoader(),
            config.engineConcurrency());
    this.resolver = new PolicyResolver(registry, config.clock());
    this.tokens = ProcessTokens.current();
    Duration quiet =
        Collections.max(
            List.of(config.reaperInterval(), config.pollInterval(), config.heartbeatInterval()));
    this.outage =
        new StoreOutage(config.clock(), config.storeOutageTimeout(), quiet.multipliedBy(3));
    this.identity =
        new WorkerIdentity(
            ProcessTokens.hostName(),
            ProcessHandle.current().pid(),
            UUID.randomUUID().toString().substring(0, 8),
            // Declared with every claim, so no other process reaps these runs sooner.
            config.staleAfter());
    this.startedAt = config.clock().instant();
    this.staging = new SourceStaging(config.sourcesRoot());
    this.lastReap = startedAt;
    AtomicInteger engineThreadCount = new AtomicInteger();
    // Bounded: a call holds a thread only while it holds an engine permit, so the sum of the
    // engines' concurrency is enough; the pool grows when a probe raises an engine's concurrency.
    int threads = engineThreadsWanted();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "convertalot-engine-" + engineThreadCount.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    this.engineThreads = pool;
  }

  /** Enough engine threads for every permit of every engine. */
  private int engineThreadsWanted() {
    return Math.max(1, registry.engines().stream().mapToInt(Engine::concurrency).sum());
  }

  /** Submits an engine call, first growing the pool to the engines' current concurrency. */
  <T> Future<T> submitEngineCall(Callable<T> call) {
    synchronized (engineThreads) {
      int wanted = engineThreadsWanted();
      if (wanted > engineThreads.getMaximumPoolSize()) {
        engineThreads.setMaximumPoolSize(wanted);
        engineThreads.setCorePoolSize(wanted);
      }
    }
    return engineThreads.submit(call);
  }

  private void startThreads() {
    RunDirs.removeDead(config.tempRoot(), tokens);
    staging.sweep(store, startedAt);
    for (int i = 1; i <= config.workers(); i++) {
      threads.add(loopThread("convertalot-worker-" + i, this::workerLoop));
    }
    threads.add(loopThread("convertalot-maintenance", this::maintenanceLoop));
    threads.add(loopThread("convertalot-heartbeat", this::heartbeatLoop));
    threads.forEach(Thread::start);
    LOG.info(
        "runtime {} open on {} with {} workers, engines {}",
        identity,
        store.describe(),
        config.workers(),
        registry);
  }

  private Thread loopThread(String name, Runnable loop) {
    Thread t = new Thread(ThreadGuard.resilient(LOG, name, () -> !closed, loop), name);
    t.setDaemon(true);
    return t;
  }

  // ------------------------------------------------------------------ public API

  @Override
  public JobHandle submit(ConversionRequest request) {
    ensureOpen();
    check(request);
    SourceRef source = staging.describe(request);
    JobSnapshot job;
    boolean created;
    CompletableFuture<ConversionResult> future;
    // The future is registered before the read lock is released: a worker cannot announce (and
    // so cannot publish) the job before then, so its completion always finds the future.
    announceOrder.readLock().lock();
    try {
      SubmitResult submitted =
          staging.submit(
              store,
              new NewJob(
                  source,
                  request.policy(),
                  request.engineHint(),
                  request.options(),
                  request.limits(),
                  config.maxAttempts(),
                  request.pages()));
      job = submitted.job();
      created = submitted.created();
      if (created) {
        counters.submitted.increment();
        notifyState(job);
      }
      future = futureOf(job);
    } finally {
      announceOrder.readLock().unlock();
    }
    wakeWorkers();
    return new Handle(job.id(), created, future);
  }

  @Override
  public void check(ConversionRequest request) {
    registry.checkRequest(request);
    resolver.refuseKnownGpuFailure(request.policy(), request.engineHint());
  }

  @Override
  public ConversionResult convert(ConversionRequest request) {
    JobHandle handle = submit(request);
    try {
      return handle.result().join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e instanceof CompletionException ? e.getCause() : e;
      if (cause instanceof ConversionException) {
        throw (ConversionException) cause;
      }
      throw new BackendFailedException("conversion did not finish: " + cause, cause);
    }
  }

  @Override
  public JobHandle retry(JobId id) {
    ensureOpen();
    try (Resubmission again = Resubmission.of(store.get(id), store)) {
      return submit(again.request());
    }
  }

  @Override
  public JobHandle handle(JobId id) {
    JobSnapshot job = store.get(id);
    return new Handle(id, false, futureOf(job));
  }

  @Override
  public JobSnapshot job(JobId id) {
    return store.get(id);
  }

  @Override
  public ConversionResult result(JobId id) {
    JobSnapshot job = store.get(id);
    if (!job.state().isTerminal()) {
      throw new InvalidRequestException("job " + id + " is still " + job.state());
    }
    return resultOf(job);
  }

  /** The verified result of an ended job, or its stored error as an exception. */
  private ConversionResult resultOf(JobSnapshot job) {
    if (job.state() == JobState.SUCCEEDED) {
      byte[] bytes = store.readArtifact(job.manifest());
      return new ConversionResult(
          job.id(), new String(bytes, StandardCharsets.UTF_8), job.manifest(), job.phaseTimings());
    }
    ErrorInfo error =
        job.error() != null
            ? job.error()
            : new ErrorInfo(
                org.convertalot.api.error.ErrorCode.CANCELED,
                "job ended " + job.state(),
                null,
                false);
    throw error.toException(job.id(), job.attempt());
  }

  @Override
  public JobPage list(PageRequest page) {
    return store.list(page);
  }

  @Override
  public JobSnapshot cancel(JobId id) {
    JobSnapshot job = store.cancel(id);
    RunContext running = active.get(id);
    if (running != null && job.cancelRequested()) {
      running.stop(StopReason.CANCELED);
    }
    if (job.state().isTerminal()) {
      notifyState(job);
      settle(job);
    }
    return job;
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
    wakeWorkers();
  }

  @Override
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (store.idle()) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      waitForSignal(
          Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, config.pollInterval().toMillis()));
    }
  }

  @Override
  public JobTotals totals() {
    return store.totals();
  }

  @Override
  public StatusSnapshot status() {
    List<StatusSnapshot.EngineStatus> engines = new ArrayList<>();
    Instant now = config.clock().instant();
    for (Engine e : registry.engines()) {
      ProbeResult probe = e.probe();
      engines.add(
          new StatusSnapshot.EngineStatus(
              e.id(),
              e.version(),
              e.capabilities(),
              probe,
              Math.min(e.concurrency(), config.workers()),
              e.priority(),
              e.options(),
              e.diagnostics(now)));
    }
    List<StatusSnapshot.RunningJob> running = new ArrayList<>();
    for (JobSnapshot j : store.runningJobs()) {
      running.add(
          new StatusSnapshot.RunningJob(
              j.id(),
              j.runId(),
              j.owner(),
              j.attempt(),
              j.startedAt(),
              j.heartbeatAt(),
              j.progress(),
              j.phaseTimings()));
    }
    running.sort(Comparator.comparing(r -> r.id().value()));
    StatusSnapshot.Counters c =
        new StatusSnapshot.Counters(
            counters.submitted.sum(),
            counters.succeeded.sum(),
            counters.failed(),
            counters.retried.sum(),
            counters.reaped.sum(),
            store.impossibleStatesRepaired(),
            store.integrityViolations().size(),
            counters.leasesLost.sum(),
            counters.fallbacks.sum(),
            counters.pages.sum(),
            counters.succeededWithWarnings.sum(),
            counters.failuresByCode());
    Properties build = BuildInfo.read();
    return new StatusSnapshot(
        build.getProperty("version", "unknown"),
        build.getProperty("revision", "unknown"),
        startedAt,
        store.describe(),
        store.namespace(),
        paused,
        config.workers(),
        store.counts(),
        c,
        engines,
        registry.broken(),
        running,
        store.quarantined());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    wakeups.close();
    maintenance.wakeAll();
    active.values().forEach(ctx -> ctx.stop(StopReason.SHUTDOWN));
    wakeWorkers();
    long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    engineThreads.shutdownNow();
    pending.values().forEach(f -> f.cancel(false));
    registry.close();
    if (config.ownsStore()) {
      store.close();
    }
    LOG.info("runtime {} closed", identity);
  }

  private void ensureOpen() {
    if (closed) {
      throw new InvalidRequestException("runtime is closed");
    }
  }

  // ------------------------------------------------------------------ futures

  private CompletableFuture<ConversionResult> futureOf(JobSnapshot job) {
    CompletableFuture<ConversionResult> f =
        pending.computeIfAbsent(job.id(), id -> new CompletableFuture<>());
    if (job.state().isTerminal()) {
      settle(job);
    }
    return f;
  }

  /** Completes the future of an ended job, if anyone waits on it. */
  void settle(JobSnapshot job) {
    staging.jobEnded(job);
    CompletableFuture<ConversionResult> f = pending.remove(job.id());
    if (f == null) {
      return;
    }
    try {
      f.complete(resultOf(job));
    } catch (ConversionException e) {
      f.completeExceptionally(e);
    }
  }

  private final class Handle implements JobHandle {
    private final JobId id;
    private final boolean created;
    private final CompletableFuture<ConversionResult> result;

    Handle(JobId id, boolean created, CompletableFuture<ConversionResult> result) {
      this.id = id;
      this.created = created;
      this.result = result;
    }

    @Override
    public JobId id() {
      return id;
    }

    @Override
    public boolean created() {
      return created;
    }

    @Override
    public CompletableFuture<ConversionResult> result() {
      return result;
    }

    @Override
    public JobSnapshot snapshot() {
      return store.get(id);
    }
  }

  // ------------------------------------------------------------------ threads

  private void wakeWorkers() {
    work.wakeAll();
  }

  private void waitForSignal(long millis) {
    work.await(millis);
  }

  private void workerLoop() {
    while (!closed) {
      try {
        workOnce();
      } catch (Throwable t) {
        // A claim or a run that failed with an Error (an OutOfMemoryError caused by another
        // thread's job, a store bug) must not kill the worker; the reaper recovers a job it held.
        ThreadGuard.survived(LOG, "worker pass", null, t);
        waitForSignal(config.pollInterval().toMillis());
      }
    }
  }

  private void workOnce() {
    if (paused) {
      waitForSignal(config.pollInterval().toMillis());
      return;
    }
    Optional<JobSnapshot> claimed;
    try {
      claimed = store.claim(identity);
    } catch (ConversionException e) {
      outage.failed(e);
      logClaimFailure(e);
      waitForSignal(config.pollInterval().toMillis());
      return;
    }
    if (claimed.isEmpty()) {
      waitForSignal(config.pollInterval().toMillis());
      return;
    }
    JobSnapshot job = claimed.get();
    outage.wrote();
    try (JobMdc ignored = JobMdc.of(job.id(), job.runId())) {
      new JobRun(this, job).run();
    }
  }

  /** A store that stays down would log on every poll: log the first failure, then once a minute. */
  private void logClaimFailure(ConversionException e) {
    long now = System.nanoTime();
    long last = lastClaimFailureLog.get();
    if ((last == 0 || now - last > TimeUnit.MINUTES.toNanos(1))
        && lastClaimFailureLog.compareAndSet(last, now)) {
      LOG.warn("claim failed (repeats are logged once a minute): {}", e.toString());
    }
  }

  /**
   * Heartbeats every running job of this runtime on its own thread, so liveness never depends on
   * what a worker or an engine is doing. A refused heartbeat stops the run: a cancel request stops
   * it as canceled, {@code lease_lost} stops it with nothing published.
   */
  private void heartbeatLoop() {
    while (!closed) {
      try {
        Instant now = config.clock().instant();
        for (RunContext run : List.copyOf(active.values())) {
          if (!now.isBefore(run.nextHeartbeat())) {
            run.scheduleHeartbeat(now.plus(config.heartbeatInterval()));
            heartbeat(run);
          }
        }
      } catch (Throwable t) {
        ThreadGuard.survived(LOG, "heartbeat pass", null, t);
      }
      waitForSignal(
          Math.max(
              1,
              Math.min(config.pollInterval().toMillis(), config.heartbeatInterval().toMillis())));
    }
  }

  /** One run's heartbeat; whatever it fails with, the other runs still get theirs. */
  private void heartbeat(RunContext run) {
    try (JobMdc ignored = JobMdc.of(run.jobId(), run.runId())) {
      JobSnapshot after =
          store.heartbeat(run.jobId(), run.runId(), run.currentProgress(), run.finishedPhases());
      outage.wrote();
      if (after.cancelRequested()) {
        run.stop(StopReason.CANCELED);
      }
    } catch (LeaseLostException | TerminalStateConflictException e) {
      // The worker's own fenced write will be refused too and count it; stop the engine now.
      run.stop(StopReason.LEASE_LOST);
    } catch (ConversionException e) {
      outage.failed(e);
      LOG.warn("heartbeat of job {} failed: {}", run.jobId(), e.toString());
    } catch (Throwable t) {
      ThreadGuard.survived(LOG, "heartbeat of job", run.jobId(), t);
    }
  }

  private void maintenanceLoop() {
    while (!closed) {
      // One try around all of it: even a catch block's log line can fail when the heap is full.
      try {
        Instant now = config.clock().instant();
        if (!config.reaperInterval().isZero()
            && !now.isBefore(lastReap.plus(config.reaperInterval()))) {
          lastReap = now;
          if (config.sanitizer()) {
            store.sanitize();
          }
          for (JobSnapshot reaped : store.reap(config.staleAfter())) {
            counters.reaped.increment();
            if (reaped.state() == JobState.FAILED) {
              counters.failed(reaped.error().code().code());
            }
            notifyState(reaped);
            if (reaped.state().isTerminal()) {
              settle(reaped);
            }
          }
          wakeWorkers();
        }
        // Results this runtime will not settle itself, read in one call per pass.
        List<JobId> watched = new ArrayList<>(pending.keySet());
        watched.removeIf(active::containsKey);
        Map<JobId, JobSnapshot> found = new HashMap<>();
        store.findAll(watched).forEach(j -> found.put(j.id(), j));
        for (JobId id : watched) {
          JobSnapshot job = found.get(id);
          if (job == null) {
            // Its record was quarantined or deleted: nobody will ever end it, so say so now.
            Optional.ofNullable(pending.remove(id))
                .ifPresent(f -> f.completeExceptionally(recordGone(id)));
          } else if (job.state().isTerminal()) {
            settle(job);
          }
        }
      } catch (Throwable t) {
        if (t instanceof ConversionException) {
          outage.failed((ConversionException) t);
        }
        ThreadGuard.survived(LOG, "maintenance pass", null, t);
      }
      outage.failWaiters(pending, active.keySet());
      // Not woken by submits, which would read every watched job once per submit.
      maintenance.await(config.pollInterval().toMillis());
    }
  }

  private static JobNotFoundException recordGone(JobId id) {
    return new JobNotFoundException(
        "the record of job " + id + " is gone (unreadable and quarantined, or deleted)",
        Map.of("reason", "record_gone"),
        id.value());
  }

  void notifyState(JobSnapshot job) {
    try (JobMdc ignored = JobMdc.of(job.id(), job.runId())) {
      for (JobListener l : config.listeners()) {
        try {
          l.onStateChange(job);
        } catch (Throwable t) {
          ThreadGuard.survived(LOG, "listener on job", job.id(), t);
        }
      }
    }
  }

  void notifyProgress(JobId id, Progress progress) {
    for (JobListener l : config.listeners()) {
      try {
        l.onProgress(id, progress);
      } catch (Throwable t) {
        ThreadGuard.survived(LOG, "listener on progress of job", id, t);
      }
    }
  }
}
