package org.convertalot.server.internal;

import java.util.Map;
import org.convertalot.api.error.ErrorCode;

/** The one HTTP status of every error code: the table docs/http-api.md shows. */
public final class ErrorStatus {

  /** A request without a usable API key. */
  public static final String UNAUTHENTICATED = "unauthenticated";

  /** A request with an API key that is not one of the server's. */
  public static final String FORBIDDEN = "forbidden";

  /** A route or method the API does not have. */
  public static final String NOT_FOUND = "not_found";

  /** A key that made more requests than its rate limit allows. */
  public static final String RATE_LIMITED = "rate_limited";

  /** A request larger than the server takes. */
  public static final String TOO_LARGE = "too_large";

  /** An {@code Idempotency-Key} repeated with another file or other settings. */
  public static final String IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused";

  private static final Map<String, Integer> STATUS =
      Map.ofEntries(
          Map.entry(ErrorCode.INVALID_REQUEST.code(), 400),
          Map.entry(UNAUTHENTICATED, 401),
          Map.entry(FORBIDDEN, 403),
          Map.entry(NOT_FOUND, 404),
          Map.entry(ErrorCode.JOB_NOT_FOUND.code(), 404),
          Map.entry(ErrorCode.TERMINAL_STATE_CONFLICT.code(), 409),
          Map.entry(ErrorCode.CANCELED.code(), 409),
          Map.entry(TOO_LARGE, 413),
          Map.entry(RATE_LIMITED, 429),
          Map.entry(ErrorCode.INVALID_INPUT.code(), 422),
          Map.entry(IDEMPOTENCY_KEY_REUSED, 422),
          Map.entry(ErrorCode.GPU_NOT_AVAILABLE.code(), 503),
          Map.entry(ErrorCode.BACKEND_UNAVAILABLE.code(), 503),
          Map.entry(ErrorCode.STORE_UNAVAILABLE.code(), 503));

  private ErrorStatus() {}

  /** The status for {@code code}; 500 for a code without its own. */
  public static int of(String code) {
    return STATUS.getOrDefault(code, 500);
  }
}
