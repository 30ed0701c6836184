package org.convertalot.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes one response: JSON, text, or the error envelope; the one place that sets statuses. */
final class HttpExchange {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Response response;
  private final Callback callback;

  HttpExchange(Response response, Callback callback) {
    this.response = response;
    this.callback = callback;
  }

  /** Sends {@code json} (already JSON text) with {@code status}. */
  void json(int status, String json) {
    send(status, "application/json", json);
  }

  /** Sends {@code node} as JSON with {@code status}. */
  void json(int status, ObjectNode node) {
    json(status, node.toString());
  }

  /** Sends Markdown text with {@code status}. */
  void markdown(int status, String markdown) {
    send(status, "text/markdown; charset=utf-8", markdown);
  }

  /** Sends text of the given content type with {@code status}. */
  void text(int status, String type, String body) {
    send(status, type, body);
  }

  /** Sets a response header. */
  void header(String name, String value) {
    response.getHeaders().put(name, value);
  }

  /**
   * Sends the error envelope {@code {"error": {code, message, details, retryable, job_id}}} with
   * the status of its code.
   */
  void error(
      String code, String message, Map<String, String> details, boolean retryable, String jobId) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ObjectNode d = error.putObject("details");
    details.forEach(d::put);
    error.put("retryable", retryable);
    if (jobId == null) {
      error.putNull("job_id");
    } else {
      error.put("job_id", jobId);
    }
    int status = ErrorStatus.of(code);
    if (status == 503 && retryable) {
      header(HttpHeader.RETRY_AFTER.asString(), "5");
    }
    if (status == 401) {
      header(HttpHeader.WWW_AUTHENTICATE.asString(), "Bearer");
    }
    json(status, root);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private void send(int status, String type, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put("Cache-Control", "no-store");
    Content.Sink.write(response, true, body, callback);
  }
}
