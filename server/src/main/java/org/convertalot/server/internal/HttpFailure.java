package org.convertalot.server.internal;

import java.util.Map;

/**
 * A failure that only HTTP has (an upload too large, a route that does not exist): its code is one
 * of {@link ErrorStatus}'s own, answered in the same envelope as the runtime's errors.
 */
final class HttpFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final transient Map<String, String> details;

  HttpFailure(String code, String message, Map<String, String> details) {
    super(message);
    this.code = code;
    this.details = Map.copyOf(details);
  }

  String code() {
    return code;
  }

  Map<String, String> details() {
    return details;
  }
}
