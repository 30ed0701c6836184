package org.convertalot.core.internal.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Policy;
import org.convertalot.api.Warning;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.StopReason;
import org.convertalot.api.error.BackendFailedException;
import org.convertalot.api.error.CanceledException;
import org.convertalot.api.error.ConversionException;
import org.convertalot.api.error.ConversionTimeoutException;
import org.convertalot.api.error.GpuNotAvailableException;
import org.convertalot.api.error.LeaseLostException;
import org.convertalot.api.error.StalledException;
import org.convertalot.api.error.TerminalStateConflictException;
import org.convertalot.core.store.JobTransitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** One claimed job, from claim to its fenced end: resolve, check, convert, publish or fail. */
final class JobRun {
  private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

  /** The phase of a job whose engine has no free permit yet. */
  static final String PHASE_WAIT_FOR_ENGINE = "wait_for_engine";

  private final DefaultConversionRuntime rt;
  private final JobSnapshot job;
  private final RunContext ctx;

  JobRun(DefaultConversionRuntime rt, JobSnapshot job) {
    this.rt = rt;
    this.job = job;
    Instant now = rt.config.clock().instant();
    this.ctx =
        new RunContext(
            job.id(),
            job.runId(),
            job.attempt(),
            now.plus(job.limits().deadline()),
            rt.config.tempRoot(),
            rt.tokens.prefix(),
            rt.config.clock(),
            rt::notifyProgress,
            rt.config.passwords());
    // The claim recorded a heartbeat: the next one is due an interval later.
    ctx.scheduleHeartbeat(now.plus(rt.config.heartbeatInterval()));
  }

  /**
   * Runs the job to its end. Whatever happens (an Error included) the run ends through {@link
   * #end}, is no longer heartbeated, and leaves no engine call that the runtime still waits on.
   */
  void run() {
    rt.active.put(job.id(), ctx);
    try {
      rt.announceOrder.writeLock().lock();
      try {
        rt.notifyState(job);
      } finally {
        rt.announceOrder.writeLock().unlock();
      }
      publish(convert());
    } catch (Throwable t) {
      end(t);
    } finally {
      rt.active.remove(job.id());
      deleteTempDir();
    }
  }

  private Converted convert() throws Exception {
    PolicyResolver.Resolution resolution =
        rt.resolver.resolve(job.policy(), job.engineHint(), job.pages());
    if (resolution.fallbackReason() != null) {
      rt.counters.fallbacks.increment();
    }
    ctx.phase("check");
    Path source = SourceChecks.check(job, ctx.tempDir(), rt.store);
    Engine engine = resolution.engine();
    BackendInput input =
        new BackendInput(
            source,
            job.source(),
            job.options(),
            job.limits(),
            resolution.acceleration(),
            job.pages());
    acquirePermit(engine);
    // From here the permit belongs to the engine call: runEngine hands it over or gives it back.
    BackendOutput output = runEngine(engine, input);
    checkWarnedPages(engine, output);
    if (job.policy() == Policy.GPU_REQUIRED && !output.accelerationUsed().isGpu()) {
      throw new GpuNotAvailableException(
          "engine "
              + engine.id()
              + " ran on "
              + output.accelerationUsed().code()
              + " under policy gpu_required",
          Map.of(
              "reason",
              PolicyResolver.GPU_UNAVAILABLE_REASON,
              "probe_cause",
              "device_unusable",
              "acceleration_used",
              output.accelerationUsed().code()),
          job.id().value(),
          job.attempt());
    }
    return new Converted(engine, resolution, output);
  }

  /**
   * A warning names pages the output converted, by their numbers in the PDF: selected pages, and no
   * more of them than were converted. Anything else is an engine bug a retry would repeat.
   */
  private void checkWarnedPages(Engine engine, BackendOutput output) {
    for (Warning warning : output.warnings()) {
      for (int page : warning.pages()) {
        if (!job.pages().contains(page) || job.pages().count(page) > output.pages()) {
          throw new BackendFailedException(
              "engine "
                  + engine.id()
                  + " warns about page "
                  + page
                  + ", which it did not convert ("
                  + output.pages()
                  + " pages of selection "
                  + job.pages()
                  + ")",
              Map.of("reason", "engine_error", "warning", warning.code()),
              false,
              job.id().value(),
              job.attempt(),
              null);
        }
      }
    }
  }

  /**
   * Waits for a permit of the engine. A call the runtime gave up on keeps its permit until it
   * returns, so a job may wait here for a busy device; its deadline still counts, and once the
   * engine's abandoned calls make it unhealthy the job fails with {@code backend_unavailable}.
   */
  private void acquirePermit(Engine engine) throws InterruptedException {
    if (engine.permits().tryAcquire(Duration.ZERO)) {
      return;
    }
    // Visible in status and to listeners: the job waits for its engine, it is not converting.
    ctx.phase(PHASE_WAIT_FOR_ENGINE);
    while (!engine.permits().tryAcquire(rt.config.pollInterval())) {
      Instant now = rt.config.clock().instant();
      if (!now.isBefore(ctx.deadline())) {
        ctx.stop(StopReason.TIMEOUT);
      }
      throwIfStopped();
      PolicyResolver.checkHealthy(engine, now);
    }
  }

  /**
   * Runs the engine on the bounded engine pool; the permit taken by {@link #acquirePermit} is
   * released when the call itself returns, whether or not this run still waits for it. When the run
   * stops waiting before the call returned (deadline, stall, cancel, any failure here), the call is
   * interrupted and counted as given up; one that does not return is abandoned ({@link
   * EngineCalls}).
   */
  private BackendOutput runEngine(Engine engine, BackendInput input) throws Exception {
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    EngineCalls calls = engine.calls();
    EngineCalls.Call call = calls.open();
    Future<BackendOutput> future;
    try {
      ctx.phase("convert");
      future =
          rt.submitEngineCall(
              () -> {
                if (!calls.start(call)) {
                  return null; // given up before it started; its permit is already back
                }
                if (mdc != null) {
                  MDC.setContextMap(mdc);
                }
                try {
                  return engine.backend().convert(input, ctx);
                } finally {
                  // Nothing here allocates before the permit is back, in case the heap is full.
                  engine.permits().release();
                  calls.returned(call, rt.config.clock());
                  MDC.clear();
                }
              });
    } catch (Throwable t) {
      calls.giveUp(call, rt.config.clock());
      engine.permits().release();
      throw t;
    }
    ctx.attachEngine(future);
    try {
      return awaitEngine(engine, future);
    } finally {
      // A no-op when the call returned; otherwise it is interrupted and counted as given up.
      future.cancel(true);
      if (calls.giveUp(call, rt.config.clock())) {
        engine.permits().release();
      }
    }
  }

  /**
   * Waits for the engine call, stopping it at its deadline or stall. An {@link OutOfMemoryError}
   * thrown here, in this thread's own small allocations, means the heap is full, most likely
   * because of the call: the run goes on waiting for the call to end (with its own error, usually)
   * instead of ending now, when recording the end would fail too.
   */
  private BackendOutput awaitEngine(Engine engine, Future<BackendOutput> future) throws Exception {
    long tickMillis = Math.max(1, rt.config.pollInterval().toMillis());
    while (true) {
      try {
        BackendOutput out = future.get(tickMillis, TimeUnit.MILLISECONDS);
        if (out == null) {
          throw new BackendFailedException("engine " + engine.id() + " returned no output", null);
        }
        throwIfStopped();
        return out;
      } catch (TimeoutException | OutOfMemoryError notYet) {
        // Still converting: check deadline, stall and stop requests below. Heartbeats come
        // from the heartbeat thread, whatever this thread is doing.
      } catch (ExecutionException e) {
        throwIfStopped();
        Throwable cause = e.getCause();
        if (isDeviceFailure(cause)) {
          engine.probeAgain();
        }
        if (cause instanceof Exception) {
          throw (Exception) cause;
        }
        throw (Error) cause;
      } catch (CancellationException e) {
        throw stopped();
      }
      try {
        Instant now = rt.config.clock().instant();
        if (!now.isBefore(ctx.deadline())) {
          ctx.stop(StopReason.TIMEOUT);
        } else if (Duration.between(ctx.lastProgressAt(), now).compareTo(rt.config.stallWindow())
            > 0) {
          ctx.stop(StopReason.STALLED);
        }
      } catch (OutOfMemoryError heapFull) {
        continue; // as above: the next tick checks again
      }
      throwIfStopped();
    }
  }

  /** A failure of the device, not of the input: the engine's next job probes it again. */
  private static boolean isDeviceFailure(Throwable t) {
    if (!(t instanceof ConversionException)) {
      return false;
    }
    ConversionException e = (ConversionException) t;
    return e instanceof GpuNotAvailableException
        || ConversionBackend.DEVICE_ERROR_REASON.equals(e.details().get("reason"));
  }

  private void throwIfStopped() {
    if (rt.closed) {
      ctx.stop(StopReason.SHUTDOWN);
    }
    if (ctx.stoppedBy() != null) {
      throw stopped();
    }
  }

  private ConversionException stopped() {
    StopReason reason = ctx.stoppedBy();
    String id = job.id().value();
    if (reason == null) {
      return new CanceledException("engine stopped", id, job.attempt());
    }
    switch (reason) {
      case TIMEOUT:
        return new ConversionTimeoutException(
            "conversion passed its deadline of " + job.limits().deadline(),
            Map.of("deadline", job.limits().deadline().toString()),
            true,
            id,
            job.attempt());
      case STALLED:
        return new StalledException(
            "engine reported no progress for " + rt.config.stallWindow(),
            Map.of(
                "stall_window",
                rt.config.stallWindow().toString(),
                "last_progress_at",
                ctx.lastProgressAt().toString()),
            true,
            id,
            job.attempt());
      case LEASE_LOST:
        return new LeaseLostException("lease lost while converting", Map.of(), id, job.attempt());
      case SHUTDOWN:
        return new ShutdownSignal(id, job.attempt());
      case CANCELED:
      default:
        return new CanceledException("canceled while running", id, job.attempt());
    }
  }

  private void publish(Converted c) {
    ctx.phase("normalize");
    String markdown = rt.normalizer.normalize(c.output().markdown());
    throwIfStopped();
    ctx.phase("publish");
    byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
    Map<String, Duration> timings = ctx.finishAllPhases();
    JobSnapshot done =
        rt.store.completeWith(
            job.id(),
            job.runId(),
            bytes,
            (staged, now) ->
                ArtifactManifest.builder(job)
                    .artifact(staged.sha256(), staged.size())
                    .engine(c.engine().id(), c.engine().version())
                    .ranOn(c.output().accelerationUsed(), c.output().device())
                    .fallbackReason(c.resolution().fallbackReason())
                    .pages(c.output().pages())
                    .warnings(c.output().warnings())
                    .createdAt(now)
                    .build(),
            timings);
    rt.outage.wrote();
    if (done.state() == JobState.CANCELED) {
      rt.notifyState(done);
      rt.settle(done);
      return;
    }
    rt.counters.succeeded.increment();
    rt.counters.pages.add(c.output().pages());
    if (!done.warnings().isEmpty()) {
      rt.counters.succeededWithWarnings.increment();
      for (Warning w : done.warnings()) {
        // Info, not warn: the warning is part of the result (manifest, status), not a fault here.
        LOG.info("job {} succeeded with warning {}: {}", job.id(), w.code(), w.message());
      }
    }
    rt.notifyState(done);
    rt.staging.jobEnded(done);
    CompletableFuture<ConversionResult> f = rt.pending.remove(job.id());
    if (f != null) {
      f.complete(new ConversionResult(job.id(), markdown, done.manifest(), timings));
    }
  }

  /** Ends the run after a failure: fenced fail, cancel or release; never throws. */
  private void end(Throwable t) {
    try {
      Map<String, Duration> timings = ctx.finishAllPhases();
      if (t instanceof ShutdownSignal) {
        rt.store.release(job.id(), job.runId());
        LOG.info("released job {} on shutdown", job.id());
        return;
      }
      if (t instanceof LeaseLostException || t instanceof TerminalStateConflictException) {
        rt.counters.leasesLost.increment();
        LOG.warn("job {} run {}: {}; publishing nothing", job.id(), job.runId(), t.toString());
        return;
      }
      if (t instanceof CanceledException && ctx.stoppedBy() == StopReason.CANCELED) {
        JobSnapshot canceled = rt.store.markCanceled(job.id(), job.runId());
        rt.notifyState(canceled);
        rt.settle(canceled);
        return;
      }
      ConversionException error = classify(t);
      Duration backoff =
          JobTransitions.retryBackoff(
              job.attempt(), rt.config.retryBackoff(), rt.config.maxRetryBackoff());
      JobSnapshot after =
          rt.store.fail(job.id(), job.runId(), ErrorInfo.of(error), backoff, timings);
      rt.outage.wrote();
      rt.notifyState(after);
      if (after.state() == JobState.QUEUED) {
        rt.counters.retried.increment();
        LOG.info(
            "job {} attempt {} failed with {}; retrying after {}",
            job.id(),
            job.attempt(),
            error.code(),
            backoff);
      } else {
        rt.counters.failed(error.code());
        LOG.info("job {} failed: {}", job.id(), error.toString());
        rt.settle(after);
      }
    } catch (LeaseLostException | TerminalStateConflictException e) {
      rt.counters.leasesLost.increment();
      LOG.warn("job {} run {}: {}", job.id(), job.runId(), e.toString());
    } catch (ConversionException e) {
      // The store is unavailable: the job stays RUNNING and the reaper requeues it later; a
      // lasting outage ends its waiter's result (StoreOutage).
      rt.outage.failed(e);
      LOG.error("could not record the end of job {}: {}", job.id(), e.toString());
    } catch (Throwable e) {
      // An Error while recording (the heap is still full): as above, the reaper takes it back.
      ThreadGuard.survived(LOG, "recording the end of job", job.id(), e);
    }
  }

  private ConversionException classify(Throwable t) {
    if (t instanceof ConversionException) {
      return (ConversionException) t;
    }
    if (t instanceof OutOfMemoryError) {
      return new BackendFailedException(
          "engine ran out of memory",
          Map.of("reason", "out_of_memory"),
          true,
          job.id().value(),
          job.attempt(),
          t);
    }
    return new BackendFailedException(
        "engine failed: " + t,
        Map.of("exception", t.getClass().getName()),
        true,
        job.id().value(),
        job.attempt(),
        t);
  }

  private void deleteTempDir() {
    Path tempDir = ctx.createdTempDir();
    if (tempDir != null) {
      RunDirs.deleteRecursively(tempDir);
    }
  }

  private record Converted(
      Engine engine, PolicyResolver.Resolution resolution, BackendOutput output) {}

  /** Internal: the run was stopped because the runtime is closing; the job is released. */
  private static final class ShutdownSignal extends ConversionException {
    private static final long serialVersionUID = 1L;

    ShutdownSignal(String jobId, int attempt) {
      super(
          org.convertalot.api.error.ErrorCode.CANCELED,
          "runtime closing",
          Map.of(),
          false,
          jobId,
          attempt,
          null);
    }
  }
}
