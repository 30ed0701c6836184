package org.convertalot.backend.docling.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worker protocol, version {@value #VERSION}: one JSON object per line, requests on the
 * worker's stdin, replies on its stdout, logs on its stderr. See {@code docs/docling.md}.
 *
 * <p>Requests: {@code hello}, {@code ping}, {@code convert}, {@code shutdown}. Replies: {@code
 * hello}, {@code pong}, then for a conversion any number of {@code progress} and one {@code result}
 * or {@code error}.
 */
final class Protocol {
  /** The protocol version both sides speak. */
  static final int VERSION = 1;

  static final String HELLO = "hello";
  static final String PING = "ping";
  static final String PONG = "pong";
  static final String CONVERT = "convert";
  static final String SHUTDOWN = "shutdown";
  static final String PROGRESS = "progress";
  static final String RESULT = "result";
  static final String ERROR = "error";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Protocol() {}

  /** One line the worker wrote on stdout: a reply, a line that is not one, or the end. */
  record Line(String type, JsonNode json, String raw) {
    static final Line EOF = new Line(null, null, null);

    /** A wake-up put in the queue by a stop listener; never written by a worker. */
    static final Line WAKE = new Line(null, null, "");

    boolean isEof() {
      return this == EOF;
    }

    boolean isWake() {
      return this == WAKE;
    }

    boolean isGarbage() {
      return json == null && !isEof() && !isWake();
    }

    String text(String field) {
      JsonNode n = json.get(field);
      return n == null || n.isNull() ? null : n.asText();
    }

    long number(String field, long otherwise) {
      JsonNode n = json.get(field);
      return n != null && n.canConvertToLong() ? n.asLong() : otherwise;
    }

    boolean flag(String field, boolean otherwise) {
      JsonNode n = json.get(field);
      return n != null && n.isBoolean() ? n.asBoolean() : otherwise;
    }

    /** A field holding an object of strings (or numbers), as an ordered map; empty when absent. */
    Map<String, String> strings(String field) {
      Map<String, String> out = new LinkedHashMap<>();
      JsonNode n = json.get(field);
      if (n != null && n.isObject()) {
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
      }
      return out;
    }
  }

  /**
   * Parses one stdout line: a JSON object with a string {@code type}, or garbage.
   *
   * @param raw the line as read
   * @return the line
   */
  static Line parse(String raw) {
    try {
      JsonNode node = JSON.readTree(raw);
      if (node != null && node.isObject() && node.path("type").isTextual()) {
        return new Line(node.get("type").asText(), node, raw);
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON: garbage, below.
    }
    return new Line(null, null, raw);
  }

  static String hello() {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", HELLO);
    n.put("protocol", VERSION);
    return n.toString();
  }

  static String ping() {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", PING);
    return n.toString();
  }

  static String shutdown() {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", SHUTDOWN);
    return n.toString();
  }

  /**
   * A conversion request.
   *
   * @param r what to convert and how
   * @return one line of JSON, without the line end
   */
  static String convert(ConvertRequest r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", CONVERT);
    n.put("protocol", VERSION);
    n.put("job_id", r.jobId());
    n.put("run_id", r.runId());
    n.put("attempt", r.attempt());
    n.put("source", r.source());
    n.put("device", r.device());
    n.put("gpu_required", true);
    n.put("max_pages", r.maxPages());
    n.put("max_bytes", r.maxBytes());
    n.put("timeout_s", r.timeoutSeconds());
    n.put("page_batch", r.pageBatch());
    if (r.pages() != null) {
      // Sent only for a selection: a worker that does not know the field converts every page,
      // and its result then lacks the echo the engine checks for.
      n.put("pages", r.pages());
    }
    n.put("ocr", r.ocr());
    n.put("table_mode", r.tableMode());
    if (r.artifactsPath() != null) {
      n.put("artifacts_path", r.artifactsPath());
    } else {
      n.putNull("artifacts_path");
    }
    return n.toString();
  }

  /**
   * The fields of a {@code convert} request.
   *
   * @param jobId the job
   * @param runId the runtime's run id (from the logging context), or one the engine made up
   * @param attempt the attempt, from 1
   * @param source the absolute path of the PDF
   * @param device the torch device, always {@code cuda:N} (never {@code auto} or {@code cpu})
   * @param maxPages the page limit
   * @param maxBytes the byte limit
   * @param timeoutSeconds the time left until the deadline
   * @param pageBatch pages per Docling call (one progress report each)
   * @param ocr {@code auto} or {@code off}
   * @param tableMode {@code accurate}, {@code fast} or {@code off}
   * @param artifactsPath the models folder, or {@code null}
   * @param pages the page selection in its canonical form ({@code 1,3,5-7}, {@code 10-}), or {@code
   *     null} for every page
   */
  record ConvertRequest(
      String jobId,
      String runId,
      int attempt,
      String source,
      String device,
      int maxPages,
      long maxBytes,
      double timeoutSeconds,
      int pageBatch,
      String ocr,
      String tableMode,
      String artifactsPath,
      String pages) {}
}
