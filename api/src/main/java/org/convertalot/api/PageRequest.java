package org.convertalot.api;

import org.convertalot.api.error.InvalidRequestException;

/**
 * A request for one page of jobs: those whose sequence is greater than {@code afterSequence}, at
 * most {@code limit} of them. The cursor is strictly numeric so that pages are stable while jobs
 * are being added.
 *
 * @param afterSequence list jobs after this sequence; 0 for the first page
 * @param limit page size, from 1 to {@link #MAX_LIMIT}
 */
public record PageRequest(long afterSequence, int limit) {
  /** The largest page. */
  public static final int MAX_LIMIT = 1_000;

  /** The page size when none is given. */
  public static final int DEFAULT_LIMIT = 100;

  /**
   * Validates the bounds; throws {@code invalid_request} when they are out of range.
   *
   * @param afterSequence list jobs after this sequence; 0 for the first page
   * @param limit page size, from 1 to {@link #MAX_LIMIT}
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
}
