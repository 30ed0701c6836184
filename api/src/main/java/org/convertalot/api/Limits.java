package org.convertalot.api;

import java.time.Duration;
import java.util.Objects;
import org.convertalot.api.error.InvalidRequestException;

/**
 * Bounds applied to one conversion. Inputs over the byte or page limit fail with {@code
 * invalid_input}; a conversion past its deadline fails with {@code timeout}.
 *
 * @param maxBytes the largest input accepted, in bytes
 * @param maxPages the most pages accepted
 * @param deadline how long one attempt may run
 */
public record Limits(long maxBytes, int maxPages, Duration deadline) {
  /** 512 MiB. */
  public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

  /** 5,000 pages. */
  public static final int DEFAULT_MAX_PAGES = 5_000;

  /** 30 minutes per attempt. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);

  /** The limits a request gets when none are given. */
  public static final Limits DEFAULTS =
      new Limits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, DEFAULT_DEADLINE);

  /**
   * Validates the bounds.
   *
   * @param maxBytes the largest input accepted, in bytes
   * @param maxPages the most pages accepted
   * @param deadline how long one attempt may run
   */
  public Limits {
    Objects.requireNonNull(deadline, "deadline");
    if (maxBytes <= 0) {
      throw new InvalidRequestException("maxBytes must be positive: " + maxBytes);
    }
    if (maxPages <= 0) {
      throw new InvalidRequestException("maxPages must be positive: " + maxPages);
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw new InvalidRequestException("deadline must be positive: " + deadline);
    }
  }

  /**
   * A copy with another byte limit.
   *
   * @param value the new byte limit
   * @return the copy
   */
  public Limits withMaxBytes(long value) {
    return new Limits(value, maxPages, deadline);
  }

  /**
   * A copy with another page limit.
   *
   * @param value the new page limit
   * @return the copy
   */
  public Limits withMaxPages(int value) {
    return new Limits(maxBytes, value, deadline);
  }

  /**
   * A copy with another deadline.
   *
   * @param value the new deadline
   * @return the copy
   */
  public Limits withDeadline(Duration value) {
    return new Limits(maxBytes, maxPages, value);
  }
}
