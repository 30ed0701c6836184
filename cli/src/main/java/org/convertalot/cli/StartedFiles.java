package org.convertalot.cli;

import org.convertalot.api.JobListener;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;

/** The file whose job last started running, for the progress bar; read from any thread. */
final class StartedFiles implements JobListener {
  private volatile String current;

  @Override
  public void onStateChange(JobSnapshot job) {
    if (job.state() == JobState.RUNNING) {
      current = job.source().name();
    }
  }

  /** {@return the file that last started, or null before any did} */
  String current() {
    return current;
  }
}
