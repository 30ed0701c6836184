package org.convertalot.api;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One page of a job listing in submit order.
 *
 * @param jobs the jobs on this page, by ascending sequence
 * @param nextCursor the cursor for the next page: the sequence of the last job here, or empty when
 *     this is the last page
 */
public record JobPage(List<JobSnapshot> jobs, OptionalLong nextCursor) {
  /**
   * Copies the list.
   *
   * @param jobs the jobs on this page, by ascending sequence
   * @param nextCursor the cursor for the next page: the sequence of the last job here, or empty
   *     when this is the last page
   */
  public JobPage {
    jobs = List.copyOf(Objects.requireNonNull(jobs, "jobs"));
    Objects.requireNonNull(nextCursor, "nextCursor");
  }
}
