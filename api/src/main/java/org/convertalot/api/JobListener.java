package org.convertalot.api;

/**
 * Receives state changes and progress of the jobs a runtime works on or submits. Called on runtime
 * threads: return quickly. An exception thrown by a listener is logged and ignored.
 *
 * <p>Ordering: for a job submitted through this runtime, QUEUED is delivered before RUNNING; for a
 * job this runtime ends, the final state change is delivered before the job's result future
 * completes.
 */
public interface JobListener {
  /**
   * A job changed state.
   *
   * @param job the job after the change
   */
  default void onStateChange(JobSnapshot job) {}

  /**
   * A running job reported progress.
   *
   * @param id the job
   * @param progress the new progress
   */
  default void onProgress(JobId id, Progress progress) {}
}
