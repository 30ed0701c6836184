package org.convertalot.cli.eval;

import java.math.BigDecimal;
import java.util.List;

/** Python's {@code statistics.fmean}: the exactly rounded sum, divided by the count. */
final class Means {
  private Means() {}

  /** The mean, or null for no values. */
  static Double mean(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : values) {
      sum = sum.add(new BigDecimal(v));
    }
    return sum.doubleValue() / values.size();
  }
}
