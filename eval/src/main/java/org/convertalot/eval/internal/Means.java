package org.convertalot.eval.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalDouble;

/** Python's {@code statistics.fmean}: the exactly rounded sum, divided by the count. */
public final class Means {
  private Means() {}

  /**
   * The mean of the values.
   *
   * @param values the values to average
   * @return the mean, empty for no values
   */
  public static OptionalDouble mean(List<Double> values) {
    if (values.isEmpty()) {
      return OptionalDouble.empty();
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : values) {
      sum = sum.add(new BigDecimal(v));
    }
    return OptionalDouble.of(sum.doubleValue() / values.size());
  }
}
