package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobTotals;

/**
 * How {@code status} shows what the job records of a whole data root or schema add up to ({@link
 * ConversionRuntime#totals()}), however many processes wrote them: the runtime's own counters only
 * count what happened since it opened the store.
 */
final class StoreTotals {
  private final JobTotals totals;

  private StoreTotals(JobTotals totals) {
    this.totals = totals;
  }

  /** Asks the runtime's store. */
  static StoreTotals of(ConversionRuntime runtime) {
    return new StoreTotals(runtime.totals());
  }

  /** One line for the text status. */
  String text() {
    StringBuilder b = new StringBuilder();
    b.append(totals.jobs())
        .append(" jobs, ")
        .append(totals.retried())
        .append(" run more than once, ")
        .append(totals.pagesConverted())
        .append(" pages converted, ")
        .append(totals.succeededWithWarnings())
        .append(" succeeded with warnings, ")
        .append(totals.fallbacks())
        .append(" fell back to CPU");
    if (!totals.failuresByCode().isEmpty()) {
      b.append(", failed by code: ");
      StringBuilder codes = new StringBuilder();
      totals
          .failuresByCode()
          .forEach(
              (code, n) ->
                  codes.append(codes.length() == 0 ? "" : ", ").append(code).append(' ').append(n));
      b.append(codes);
    }
    return b.toString();
  }

  /** The totals as the {@code totals} object of the JSON status. */
  void putIn(ObjectNode json) {
    ObjectNode t = json.putObject("totals");
    t.put("jobs", totals.jobs());
    t.put("retried", totals.retried());
    t.put("pages_converted", totals.pagesConverted());
    t.put("succeeded_with_warnings", totals.succeededWithWarnings());
    t.put("fallbacks", totals.fallbacks());
    ObjectNode codes = t.putObject("failures_by_code");
    totals.failuresByCode().forEach(codes::put);
  }
}
