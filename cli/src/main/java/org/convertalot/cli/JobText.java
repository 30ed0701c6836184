package org.convertalot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.convertalot.api.JobSnapshot;

/** How {@code jobs list} and {@code jobs show} print a job for humans. */
final class JobText {
  private JobText() {}

  /**
   * One line: id, state, attempts, last change, source name (and pages when some are selected), and
   * the error's code and message.
   */
  static String line(JobSnapshot job) {
    StringBuilder b = new StringBuilder();
    b.append(job.id())
        .append("  ")
        .append(String.format("%-9s", job.state()))
        .append("  ")
        .append(job.attempt())
        .append('/')
        .append(job.maxAttempts())
        .append("  ")
        .append(job.updatedAt())
        .append("  ")
        .append(Display.safe(job.source().name()));
    if (!job.pages().isAll()) {
      b.append(" (pages ").append(job.pages()).append(')');
    }
    if (job.error() != null) {
      b.append("  ")
          .append(job.error().code().code())
          .append(": ")
          .append(Display.safe(job.error().message()));
    }
    return b.toString();
  }

  /**
   * The whole record, one {@code key: value} line per field, nested fields with dotted keys ({@code
   * error.code}, {@code manifest.sha256}, {@code phase_timings_ms.convert}), in the record's order.
   *
   * @param record the record as core writes it ({@link org.convertalot.core.Json#job})
   */
  static String record(JsonNode record) {
    StringBuilder b = new StringBuilder();
    flatten("", record, b);
    return b.toString();
  }

  private static void flatten(String prefix, JsonNode node, StringBuilder b) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (prefix.isEmpty() && field.getKey().equals("format")) {
          continue; // the record file's format, not the job's
        }
        flatten(
            prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), b);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), b);
      }
    } else {
      b.append(prefix).append(": ").append(Display.safe(node.asText())).append('\n');
    }
  }
}
