package org.convertalot.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What every job record of a store adds up to, whichever processes wrote them; the runtime's own
 * {@link StatusSnapshot.Counters} count only what happened since it opened the store. See {@link
 * ConversionRuntime#totals()}.
 *
 * @param jobs every job in the store
 * @param retried jobs claimed more than once
 * @param pagesConverted the pages of every SUCCEEDED job's result
 * @param succeededWithWarnings SUCCEEDED jobs whose result carries warnings
 * @param fallbacks SUCCEEDED jobs that ran on the CPU under {@code gpu_prefer} for want of a GPU
 * @param failuresByCode FAILED jobs per error code, sorted by code
 */
public record JobTotals(
    long jobs,
    long retried,
    long pagesConverted,
    long succeededWithWarnings,
    long fallbacks,
    Map<String, Long> failuresByCode) {

  /**
   * Validates and copies the fields.
   *
   * @param jobs every job in the store
   * @param retried jobs claimed more than once
   * @param pagesConverted the pages of every SUCCEEDED job's result
   * @param succeededWithWarnings SUCCEEDED jobs whose result carries warnings
   * @param fallbacks SUCCEEDED jobs that ran on the CPU under {@code gpu_prefer}
   * @param failuresByCode FAILED jobs per error code
   */
  public JobTotals {
    if (jobs < 0
        || retried < 0
        || pagesConverted < 0
        || succeededWithWarnings < 0
        || fallbacks < 0) {
      throw new IllegalArgumentException("totals are never negative");
    }
    failuresByCode =
        Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(failuresByCode)));
  }

  /**
   * Adds up jobs one at a time: the rule of what each total counts, for a store that reads its
   * records to answer (a store that answers with a query counts the same).
   */
  public static final class Tally {
    private long jobs;
    private long retried;
    private long pagesConverted;
    private long succeededWithWarnings;
    private long fallbacks;
    private final Map<String, Long> failuresByCode = new TreeMap<>();

    /**
     * Counts one job.
     *
     * @param job a job of the store
     * @return this tally
     */
    public Tally add(JobSnapshot job) {
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
      return this;
    }

    /**
     * The totals of the jobs counted so far.
     *
     * @return the totals
     */
    public JobTotals totals() {
      return new JobTotals(
          jobs, retried, pagesConverted, succeededWithWarnings, fallbacks, failuresByCode);
    }
  }
}
