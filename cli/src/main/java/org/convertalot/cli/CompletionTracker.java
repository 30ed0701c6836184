package org.convertalot.cli;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.convertalot.api.JobId;
import org.convertalot.api.JobListener;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;

/**
 * Remembers the jobs this runtime itself completed. A result whose job is not among them was read
 * back from the store: the job had succeeded before (an idempotent submit returned it). Asking the
 * store for the state right after submit would race with a fast worker.
 */
final class CompletionTracker implements JobListener {
  private final Set<JobId> completedHere = ConcurrentHashMap.newKeySet();

  @Override
  public void onStateChange(JobSnapshot job) {
    // The runtime notifies before it completes the job's future, so the id is here in time.
    if (job.state() == JobState.SUCCEEDED) {
      completedHere.add(job.id());
    }
  }

  boolean completedHere(JobId id) {
    return completedHere.contains(id);
  }
}
