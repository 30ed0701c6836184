package org.convertalot.api.error;

import java.util.Map;

/** Code {@code gpu_not_available}. */
public class GpuNotAvailableException extends ConversionException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; details carry {@code reason} and the probe cause. */
  public GpuNotAvailableException(
      String message, Map<String, String> details, String jobId, int attempt) {
    super(ErrorCode.GPU_NOT_AVAILABLE, message, details, false, jobId, attempt, null);
  }
}
