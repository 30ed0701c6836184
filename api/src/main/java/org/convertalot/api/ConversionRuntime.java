package org.convertalot.api;

import java.time.Duration;

/**
 * A running Convert-a-Lot runtime on one store: it accepts jobs, runs them on its workers and hands
 * out verified results. Thread-safe. Closing it stops its workers; queued jobs stay queued in the
 * store and running ones are released for another worker.
 */
public interface ConversionRuntime extends AutoCloseable {
  /**
   * Submits a job. Idempotent: the same source bytes with the same policy, engine, options and
   * limits return the existing job (see {@link JobHandle#created()}) unless it failed or was
   * canceled. The source is hashed here; every other input check happens in the worker, so a bad
   * file becomes a FAILED job with {@code invalid_input} and its reason.
   *
   * @throws org.convertalot.api.error.InvalidRequestException when the source file does not exist
   *     or cannot be read, the engine hint names no registered engine or one the policy cannot use,
   *     or an engine option is unknown or has a value its engine does not take (see {@link #check})
   * @throws org.convertalot.api.error.GpuNotAvailableException for a {@code gpu_required} request
   *     that can only fail (see {@link #check}); no job is created
   * @param request what to convert and how
   * @return a handle on the new job, or on the existing identical one
   */
  JobHandle submit(ConversionRequest request);

  /**
   * Checks what a request asks of this runtime's engines, as {@link #submit} does, without reading
   * the source or creating a job: the engine hint is registered and may serve the policy, and every
   * option is declared by its engine with a value it takes. A {@code gpu_required} request whose
   * failure is already known (no GPU engine, or every GPU engine's current probe has no usable GPU)
   * is refused too; a check never takes a probe.
   *
   * @throws org.convertalot.api.error.InvalidRequestException naming what is wrong
   * @throws org.convertalot.api.error.GpuNotAvailableException for a {@code gpu_required} request
   *     that can only fail, with {@code details.reason = backend_gpu_runtime_unavailable} and the
   *     probe's cause
   * @param request the request to check
   */
  void check(ConversionRequest request);

  /**
   * Converts one file and waits for the result.
   *
   * @throws org.convertalot.api.error.ConversionException with the job's error code when it fails
   * @param request what to convert and how
   * @return the verified result
   */
  ConversionResult convert(ConversionRequest request);

  /**
   * A handle on an existing job; throws {@code job_not_found} when there is none.
   *
   * @param id the job id
   * @return a handle on the job
   */
  JobHandle handle(JobId id);

  /**
   * Submits an ended job again, as {@link #submit} would its request: the same policy, engine,
   * options, limits and pages, and its source file as it is now (read again, so a changed file is
   * another job) or, when the file is gone, the copy of its bytes the store keeps (the PostgreSQL
   * store keeps one, so a retry needs no access to the submitter's files; the file store keeps
   * none). The old job keeps its record. Two ended jobs of the same request give one new job: an
   * identical job that is queued, running or succeeded is returned instead.
   *
   * @throws org.convertalot.api.error.JobNotFoundException when there is no such job
   * @throws org.convertalot.api.error.InvalidRequestException when the job neither FAILED nor was
   *     CANCELED, or its source is gone and the store keeps no copy ({@code details.reason =
   *     source_missing}), or its request no longer fits this runtime's engines
   * @param id the ended job
   * @return a handle on the new job, or on the existing identical one
   */
  JobHandle retry(JobId id);

  /**
   * The job's current snapshot; throws {@code job_not_found} when there is none.
   *
   * @param id the job id
   * @return its current snapshot
   */
  JobSnapshot job(JobId id);

  /**
   * The verified result of a SUCCEEDED job.
   *
   * @throws org.convertalot.api.error.IntegrityViolationException when the artifact does not match
   *     its manifest
   * @throws org.convertalot.api.error.ConversionException with the stored error when the job ended
   *     otherwise, or {@code invalid_request} while it is still queued or running
   * @param id the job id
   * @return the verified result
   */
  ConversionResult result(JobId id);

  /**
   * One page of jobs in submit order.
   *
   * @param page where to start and how many jobs to return
   * @return the jobs of that page and the cursor of the next
   */
  JobPage list(PageRequest page);

  /**
   * Cancels a job: a queued job ends CANCELED at once, a running one is stopped by its worker.
   * Canceling an ended job changes nothing and returns it as it is.
   *
   * @param id the job id
   * @return the job's snapshot once the request is recorded
   */
  JobSnapshot cancel(JobId id);

  /** Stops claiming new jobs; submits still succeed and running jobs finish. */
  void pause();

  /** Resumes claiming. */
  void resume();

  /**
   * Waits until no job in the store is queued or running, or the timeout passes.
   *
   * @return whether the store became idle
   * @param timeout how long to wait at most
   */
  boolean awaitIdle(Duration timeout);

  /** {@return a JSON-serializable snapshot of the runtime and its store} */
  StatusSnapshot status();

  /**
   * What every job of the store adds up to, whichever processes wrote them: jobs, retries, pages
   * converted, results with warnings, CPU fallbacks and failures by code. Not part of {@link
   * #status()}, which is cheap enough to poll: the file store reads every record for this, the
   * PostgreSQL store adds them up in one query.
   *
   * @return the totals
   * @throws org.convertalot.api.error.StoreUnavailableException when the store cannot be read
   */
  JobTotals totals();

  /** Stops the workers and releases the store. Idempotent. */
  @Override
  void close();
}
