package org.convertalot.api;

/** The states of a job. {@code SUCCEEDED}, {@code FAILED} and {@code CANCELED} are terminal. */
public enum JobState {
  /** Waiting to be claimed; owns no run id, owner, start or heartbeat (invariant Q). */
  QUEUED,
  /** Claimed by exactly one run; run id, owner, start and heartbeat are set (invariant R). */
  RUNNING,
  /** Ended with a verified artifact (invariant S). Terminal. */
  SUCCEEDED,
  /** Ended with an error. Terminal. */
  FAILED,
  /** Ended by a user's cancel. Terminal. */
  CANCELED;

  /** {@return whether the state is final: a terminal job never changes again (invariant T)} */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }
}
