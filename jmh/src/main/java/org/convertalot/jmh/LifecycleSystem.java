package org.convertalot.jmh;

import java.time.Duration;

/**
 * A job system driven the same way by every lifecycle benchmark: {@link #prepare} a batch outside
 * the measurement, then {@link #runBatch} submits every job of it and returns once each has run to
 * its end (SUCCEEDED, or executed and removed).
 */
interface LifecycleSystem extends AutoCloseable {
  /** How long one batch may take before the benchmark fails instead of hanging. */
  Duration BATCH_TIMEOUT = Duration.ofMinutes(2);

  /**
   * Prepares the next batch: its sources or ids, and what waits for its end.
   *
   * @param jobs the batch's size
   * @throws Exception when it cannot
   */
  void prepare(int jobs) throws Exception;

  /**
   * Submits the prepared batch one job at a time from this thread and waits until every job ended
   * well.
   *
   * @return the number of jobs done
   * @throws Exception when a job failed or the batch ran past {@link #BATCH_TIMEOUT}
   */
  int runBatch() throws Exception;

  /**
   * When the last {@link #runBatch} had submitted its last job.
   *
   * @return a {@link System#nanoTime()} value
   */
  long submittedAtNanos();

  /** Stops the system's workers and closes its pool. */
  @Override
  void close();
}
