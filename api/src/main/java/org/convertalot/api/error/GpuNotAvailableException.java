package org.convertalot.api.error;

import java.util.Map;

/** Code {@code gpu_not_available}. */
public class GpuNotAvailableException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; details carry {@code reason} and the probe cause.
   *
   * @param message a human readable message
   * @param details extra facts; copied
   * @param jobId the job id, or {@code null}
   * @param attempt the attempt number, or 0 when unknown
   */
  public GpuNotAvailableException(
      String message, Map<String, String> details, String jobId, int attempt) {
    super(ErrorCode.GPU_NOT_AVAILABLE, message, details, false, jobId, attempt, null);
  }
}
