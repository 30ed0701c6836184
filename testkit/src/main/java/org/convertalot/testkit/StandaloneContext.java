package org.convertalot.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.convertalot.api.JobId;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.StopReason;

/**
 * A {@link BackendContext} for calling an engine without a runtime: in an engine's own tests, in
 * benchmarks, in tools. It records progress and phases, can be stopped (by the test, or by itself
 * after a number of pages) and tells stop listeners the way a runtime does. Thread-safe.
 */
public final class StandaloneContext implements BackendContext {
  /** The job id it reports unless told otherwise. */
  public static final JobId JOB_ID = JobId.of("0".repeat(26));

  /** How far ahead its deadline lies unless told otherwise. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);

  private final Path tempDir;
  private final JobId jobId;
  private final int attempt;
  private final Instant deadline;
  private final IntPredicate stopAfterPages;
  // Plain synchronized lists: cheap to append once per page, even in benchmarks.
  private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
  private final List<String> phases = Collections.synchronizedList(new ArrayList<>());
  private final List<Consumer<StopReason>> listeners = new CopyOnWriteArrayList<>();
  private volatile StopReason stopReason;

  private StandaloneContext(
      Path tempDir, JobId jobId, int attempt, Instant deadline, IntPredicate stopAfterPages) {
    this.tempDir = Objects.requireNonNull(tempDir, "tempDir");
    this.jobId = jobId;
    this.attempt = attempt;
    this.deadline = deadline;
    this.stopAfterPages = stopAfterPages;
  }

  /**
   * A context that never stops by itself.
   *
   * @param tempDir the engine's temp dir, created when first asked for
   * @return the context
   */
  public static StandaloneContext in(Path tempDir) {
    return new StandaloneContext(
        tempDir, JOB_ID, 1, Instant.now().plus(DEFAULT_DEADLINE), pages -> false);
  }

  /**
   * A context that stops itself as canceled once the engine reports {@code pages} pages done.
   *
   * @param tempDir the engine's temp dir
   * @param pages the pages after which it stops
   * @return the context
   */
  public static StandaloneContext cancelingAfter(Path tempDir, int pages) {
    return new StandaloneContext(
        tempDir, JOB_ID, 1, Instant.now().plus(DEFAULT_DEADLINE), done -> done >= pages);
  }

  @Override
  public JobId jobId() {
    return jobId;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public void progress(int pagesDone, int pagesTotal) {
    progress.add(pagesDone + "/" + pagesTotal);
    if (stopAfterPages.test(pagesDone)) {
      stop(StopReason.CANCELED);
    }
  }

  @Override
  public void phase(String name) {
    phases.add(name);
  }

  @Override
  public Optional<StopReason> stopReason() {
    return Optional.ofNullable(stopReason);
  }

  @Override
  public void onStop(Consumer<StopReason> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    StopReason reason = stopReason;
    if (reason != null && listeners.remove(listener)) {
      listener.accept(reason);
    }
  }

  /**
   * Stops the run as a runtime would: the first reason wins and every listener is told once.
   *
   * @param reason why
   */
  public void stop(StopReason reason) {
    synchronized (this) {
      if (stopReason == null) {
        stopReason = Objects.requireNonNull(reason, "reason");
      }
    }
    for (Consumer<StopReason> l : listeners) {
      if (listeners.remove(l)) {
        l.accept(stopReason);
      }
    }
  }

  @Override
  public Instant deadline() {
    return deadline;
  }

  @Override
  public Path tempDir() {
    try {
      return Files.createDirectories(tempDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + tempDir, e);
    }
  }

  /** {@return the progress reports as {@code done/total}, in order} */
  public List<String> progressReports() {
    synchronized (progress) {
      return List.copyOf(progress);
    }
  }

  /** {@return the phases started, in order} */
  public List<String> phases() {
    synchronized (phases) {
      return List.copyOf(phases);
    }
  }
}
