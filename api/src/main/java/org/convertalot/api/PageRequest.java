package org.convertalot.api;

import org.convertalot.api.error.InvalidRequestException;

/**
 * A request for one page of jobs, at most {@code limit} of them, oldest first (those whose sequence
 * is greater than {@code afterSequence}) or newest first (those whose sequence is below it, all
 * when it is 0), only those in {@code state} when one is given. The cursor is strictly numeric so
 * that pages are stable while jobs are being added.
 *
 * @param afterSequence the cursor: oldest first, list jobs after this sequence; newest first,
 *     before it; 0 for the first page either way
 * @param limit page size, from 1 to {@link #MAX_LIMIT}
 * @param state list only jobs in this state, or {@code null} for all
 * @param newestFirst whether the page runs from the newest job back
 */
public record PageRequest(long afterSequence, int limit, JobState state, boolean newestFirst) {
  /** The largest page. */
  public static final int MAX_LIMIT = 1_000;

  /** The page size when none is given. */
  public static final int DEFAULT_LIMIT = 100;

  /**
   * Validates the bounds; throws {@code invalid_request} when they are out of range.
   *
   * @param afterSequence the cursor; 0 for the first page
   * @param limit page size, from 1 to {@link #MAX_LIMIT}
   * @param state list only jobs in this state, or {@code null} for all
   * @param newestFirst whether the page runs from the newest job back
   */
  public PageRequest {
    if (afterSequence < 0) {
      throw new InvalidRequestException("cursor must be >= 0: " + afterSequence);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException(
          "page size must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
  }

  /**
   * A page of all jobs, oldest first.
   *
   * @param afterSequence list jobs after this sequence; 0 for the first page
   * @param limit page size, from 1 to {@link #MAX_LIMIT}
   */
  public PageRequest(long afterSequence, int limit) {
    this(afterSequence, limit, null, false);
  }

  /** {@return the first page with the default size} */
  public static PageRequest first() {
    return new PageRequest(0, DEFAULT_LIMIT);
  }

  /**
   * The first page with a given size.
   *
   * @param limit the page size
   * @return the request
   */
  public static PageRequest first(int limit) {
    return new PageRequest(0, limit);
  }

  /**
   * The page after a cursor.
   *
   * @param cursor the cursor the previous page returned
   * @param limit the page size
   * @return the request
   */
  public static PageRequest after(long cursor, int limit) {
    return new PageRequest(cursor, limit);
  }

  /**
   * The newest jobs.
   *
   * @param limit the page size
   * @return the request
   */
  public static PageRequest newest(int limit) {
    return new PageRequest(0, limit, null, true);
  }

  /**
   * The page before a cursor, newest first.
   *
   * @param cursor the cursor the previous page returned
   * @param limit the page size
   * @return the request
   */
  public static PageRequest before(long cursor, int limit) {
    return new PageRequest(cursor, limit, null, true);
  }

  /**
   * The page that follows this one: the same size, order and state from the cursor a page gave.
   *
   * @param cursor the cursor the previous page returned
   * @return the request
   */
  public PageRequest next(long cursor) {
    return new PageRequest(cursor, limit, state, newestFirst);
  }

  /**
   * This page with only the jobs in one state.
   *
   * @param only the state, or {@code null} for all
   * @return the request
   */
  public PageRequest inState(JobState only) {
    return new PageRequest(afterSequence, limit, only, newestFirst);
  }

  /**
   * Whether a job with this sequence lies beyond the cursor, in the page's direction.
   *
   * @param sequence a job's sequence
   * @return whether the page may hold it
   */
  public boolean beyondCursor(long sequence) {
    if (newestFirst) {
      return afterSequence == 0 || sequence < afterSequence;
    }
    return sequence > afterSequence;
  }

  /**
   * Whether the page may hold this job: beyond the cursor and in the state asked for.
   *
   * @param job a job
   * @return whether the page may hold it
   */
  public boolean admits(JobSnapshot job) {
    return beyondCursor(job.sequence()) && (state == null || job.state() == state);
  }
}
