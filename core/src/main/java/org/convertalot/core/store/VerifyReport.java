package org.convertalot.core.store;

import java.util.List;

/**
 * What {@link JobStore#verify()} found.
 *
 * @param jobsChecked jobs whose records were checked
 * @param artifactsChecked artifacts re-hashed against their manifests
 * @param violations one line per violation: job id, rule and what is wrong
 */
public record VerifyReport(long jobsChecked, long artifactsChecked, List<String> violations) {
  /**
   * Copies the list.
   *
   * @param jobsChecked jobs whose records were checked
   * @param artifactsChecked artifacts re-hashed against their manifests
   * @param violations one line per violation: job id, rule and what is wrong
   */
  public VerifyReport {
    violations = List.copyOf(violations);
  }

  /**
   * Whether nothing is wrong.
   *
   * @return true when there is no violation
   */
  public boolean clean() {
    return violations.isEmpty();
  }
}
