package org.convertalot.core.internal.runtime;

import org.slf4j.MDC;

/**
 * The SLF4J MDC keys every log line about a job carries: {@value #JOB_ID} and, while a run holds
 * it, {@value #RUN_ID}. {@link #of} puts them for a block and puts back what was there before, so
 * that a thread working on one job while logging about another (the reaper, a heartbeat) never
 * leaves a stale id behind.
 */
public final class JobMdc implements AutoCloseable {
  /** The MDC key of the job id. */
  public static final String JOB_ID = "job_id";

  /** The MDC key of the run id (the fencing token of one claim). */
  public static final String RUN_ID = "run_id";

  private final String previousJob;
  private final String previousRun;

  private JobMdc(String jobId, String runId) {
    previousJob = MDC.get(JOB_ID);
    previousRun = MDC.get(RUN_ID);
    put(JOB_ID, jobId);
    put(RUN_ID, runId);
  }

  /**
   * Puts the job's ids until {@link #close()}.
   *
   * @param jobId the job id
   * @param runId the run id, or {@code null} when no run holds the job
   * @return the scope to close
   */
  public static JobMdc of(Object jobId, String runId) {
    return new JobMdc(jobId == null ? null : jobId.toString(), runId);
  }

  @Override
  public void close() {
    put(JOB_ID, previousJob);
    put(RUN_ID, previousRun);
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
