package org.convertalot.api;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;

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

  /**
   * Hands every job of a listing to {@code action}, page after page from {@code first} (same size,
   * order and state), until the listing ends or the action says stop.
   *
   * @param list what answers a page, such as {@code runtime::list}
   * @param first the first page to ask for
   * @param action told each job in listing order; returns {@code false} to stop
   */
  public static void forEach(
      Function<PageRequest, JobPage> list, PageRequest first, Predicate<JobSnapshot> action) {
    PageRequest page = first;
    while (true) {
      JobPage found = list.apply(page);
      for (JobSnapshot job : found.jobs()) {
        if (!action.test(job)) {
          return;
        }
      }
      if (found.nextCursor().isEmpty()) {
        return;
      }
      page = page.next(found.nextCursor().getAsLong());
    }
  }
}
