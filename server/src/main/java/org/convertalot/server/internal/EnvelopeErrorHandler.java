package org.convertalot.server.internal;

import java.util.Map;
import org.convertalot.api.error.ErrorCode;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty finds before a route runs (a malformed or ambiguous URI, headers too
 * large) in the same envelope as every other error, instead of Jetty's HTML page.
 */
public final class EnvelopeErrorHandler implements Request.Handler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Object status = request.getAttribute(ErrorHandler.ERROR_STATUS);
    int code = status instanceof Integer ? (Integer) status : response.getStatus();
    Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
    String text = message == null ? "the request was refused (" + code + ")" : message.toString();
    new HttpExchange(response, callback).error(codeOf(code), text, Map.of(), false, null);
    return true;
  }

  private static String codeOf(int status) {
    switch (status) {
      case 400:
        return ErrorCode.INVALID_REQUEST.code();
      case 404:
        return ErrorStatus.NOT_FOUND;
      case 413:
      case 431:
        return ErrorStatus.TOO_LARGE;
      default:
        return "internal_error";
    }
  }
}
