package org.convertalot.core.store.spi;

import java.util.ArrayList;
import java.util.List;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;

/**
 * The contract's record invariants, checked by every store before every write and by {@code verify}
 * on every record. Pure functions of the records; {@link org.convertalot.core.store.JobTransitions}
 * runs {@link #checkWrite} on every snapshot it returns, so a store that writes only what those
 * functions give it never writes a record that breaks Q, R, S or T.
 */
public final class JobInvariants {
  private JobInvariants() {}

  /**
   * The rules a single record breaks; empty when it is consistent.
   *
   * @param job the record
   * @return one line per broken rule, each starting with the rule's letter (Q, R, S) where it has
   *     one
   */
  public static List<String> violations(JobSnapshot job) {
    List<String> out = new ArrayList<>(2);
    boolean anyOwnerField =
        job.runId() != null
            || job.owner() != null
            || job.startedAt() != null
            || job.heartbeatAt() != null;
    boolean allOwnerFields =
        job.runId() != null
            && job.owner() != null
            && job.startedAt() != null
            && job.heartbeatAt() != null;
    if (job.state() == JobState.QUEUED && anyOwnerField) {
      out.add("Q: QUEUED job holds run id, owner, start or heartbeat");
    }
    if (job.state() == JobState.QUEUED && job.attempt() >= job.maxAttempts()) {
      out.add("Q: QUEUED job has no attempt left");
    }
    if (job.state() == JobState.RUNNING && !allOwnerFields) {
      out.add("R: RUNNING job lacks run id, owner, start or heartbeat");
    }
    if (job.state() == JobState.SUCCEEDED && job.manifest() == null) {
      out.add("S: SUCCEEDED job has no manifest");
    }
    if (job.state() != JobState.SUCCEEDED && job.manifest() != null) {
      out.add("S: only a SUCCEEDED job carries a manifest");
    }
    if (job.attempt() < 0 || job.attempt() > job.maxAttempts()) {
      out.add("attempt " + job.attempt() + " outside 0.." + job.maxAttempts());
    }
    return out;
  }

  /**
   * The rules a record breaks that no repair restores: everything but Q and R (a sanitizer repairs
   * those, see {@link org.convertalot.core.store.JobTransitions#repair}). A store isolates such a
   * record instead of serving it.
   *
   * @param job the record
   * @return the broken rules that are not Q or R; empty when there are none
   */
  public static List<String> unrepairable(JobSnapshot job) {
    List<String> out = new ArrayList<>(1);
    for (String v : violations(job)) {
      if (!isRepairable(v)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * Whether a violation is one of Q or R, which a sanitizer repairs.
   *
   * @param violation a line of {@link #violations}
   * @return true for Q and R
   */
  public static boolean isRepairable(String violation) {
    return violation.startsWith("Q") || violation.startsWith("R");
  }

  /**
   * Refuses a write of {@code next} over {@code current}: a terminal job never changes (T), and the
   * new record must itself be consistent (Q, R, S).
   *
   * @param current the record as stored, or {@code null} for a new job
   * @param next the record about to be written
   * @throws IllegalStateException naming the broken rule; stores map T to {@code
   *     terminal_state_conflict} before calling this
   */
  public static void checkWrite(JobSnapshot current, JobSnapshot next) {
    if (current != null && current.state().isTerminal()) {
      throw new IllegalStateException("T: job " + current.id() + " is " + current.state());
    }
    List<String> broken = violations(next);
    if (!broken.isEmpty()) {
      throw new IllegalStateException("refusing write of job " + next.id() + ": " + broken);
    }
  }
}
