package org.convertalot.eval;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The mean of one score over the documents it applies to, computed as Python's {@code
 * statistics.fmean} computes it (the exactly rounded sum divided by the count).
 *
 * @param value the mean; empty when {@code count} is 0
 * @param count how many documents the mean is over
 */
public record Mean(OptionalDouble value, int count) {
  /**
   * Checks that the value is present exactly when the count is positive.
   *
   * @param value the mean
   * @param count how many documents the mean is over
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code count} is negative, or the value is empty for a
   *     positive count or present for none
   */
  public Mean {
    Objects.requireNonNull(value, "value");
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    if (value.isPresent() != (count > 0)) {
      throw new IllegalArgumentException(
          "a mean has a value exactly when it is over some documents: " + value + " over " + count);
    }
  }
}
