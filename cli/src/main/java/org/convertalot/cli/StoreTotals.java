package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;

/**
 * What the job records of a whole data root or schema add up to, however many processes wrote them:
 * the runtime's own counters only count what happened since it opened the store. Read from every
 * record, so that {@code status} shows the same totals from any process.
 */
final class StoreTotals {
  private long jobs;
  private long retried;
  private long pagesConverted;
  private long succeededWithWarnings;
  private long fallbacks;
  private final Map<String, Long> failuresByCode = new TreeMap<>();

  private StoreTotals() {}

  /** Reads every job of the runtime's store, a page at a time. */
  static StoreTotals of(ConversionRuntime runtime) {
    StoreTotals t = new StoreTotals();
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      JobPage found = runtime.list(page);
      found.jobs().forEach(t::add);
      if (found.nextCursor().isEmpty()) {
        return t;
      }
      page = page.next(found.nextCursor().getAsLong());
    }
  }

  private void add(JobSnapshot job) {
    jobs++;
    if (job.attempt() > 1) {
      retried++;
    }
    if (job.state() == JobState.FAILED && job.error() != null) {
      failuresByCode.merge(job.error().code().code(), 1L, Long::sum);
    }
    if (job.state() == JobState.SUCCEEDED && job.manifest() != null) {
      pagesConverted += job.manifest().pages();
      if (!job.warnings().isEmpty()) {
        succeededWithWarnings++;
      }
      if (job.manifest().fallbackReason() != null) {
        fallbacks++;
      }
    }
  }

  /** One line for the text status. */
  String text() {
    StringBuilder b = new StringBuilder();
    b.append(jobs)
        .append(" jobs, ")
        .append(retried)
        .append(" run more than once, ")
        .append(pagesConverted)
        .append(" pages converted, ")
        .append(succeededWithWarnings)
        .append(" succeeded with warnings, ")
        .append(fallbacks)
        .append(" fell back to CPU");
    if (!failuresByCode.isEmpty()) {
      b.append(", failed by code: ");
      StringBuilder codes = new StringBuilder();
      failuresByCode.forEach(
          (code, n) ->
              codes.append(codes.length() == 0 ? "" : ", ").append(code).append(' ').append(n));
      b.append(codes);
    }
    return b.toString();
  }

  /** The totals as the {@code totals} object of the JSON status. */
  void putIn(ObjectNode json) {
    ObjectNode t = json.putObject("totals");
    t.put("jobs", jobs);
    t.put("retried", retried);
    t.put("pages_converted", pagesConverted);
    t.put("succeeded_with_warnings", succeededWithWarnings);
    t.put("fallbacks", fallbacks);
    ObjectNode codes = t.putObject("failures_by_code");
    failuresByCode.forEach(codes::put);
  }
}
