package org.convertalot.api.error;

import java.util.Map;

/** Code {@code job_not_found}. */
public class JobNotFoundException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a job id.
   *
   * @param jobId the job id, or {@code null}
   */
  public JobNotFoundException(String jobId) {
    this("no job with id " + jobId, Map.of(), jobId);
  }

  /**
   * Creates the exception with details.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   * @param jobId the job id, or {@code null}
   */
  public JobNotFoundException(String message, Map<String, String> details, String jobId) {
    super(ErrorCode.JOB_NOT_FOUND, message, details, false, jobId, 0, null);
  }
}
