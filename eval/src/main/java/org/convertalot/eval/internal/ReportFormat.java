package org.convertalot.eval.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import org.convertalot.eval.DocumentScore;
import org.convertalot.eval.EvalReport;
import org.convertalot.eval.Mean;

/**
 * {@link EvalReport} as text for people and as JSON shaped like the benchmark's {@code
 * evaluation.json} ({@code metrics.score.*_mean}, {@code documents[].scores}).
 */
public final class ReportFormat {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportFormat() {}

  /**
   * One line per document, then the means.
   *
   * @param report the report
   * @return the text, lines ending with the platform's line separator
   */
  public static String text(EvalReport report) {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.printf(Locale.ROOT, "%-24s %8s %8s %8s %8s%n", "document", "overall", "NID", "TEDS", "MHS");
    for (DocumentScore d : report.documents()) {
      if (d.failed()) {
        out.printf(Locale.ROOT, "%-24s failed: %s%n", d.id(), d.error().get());
        continue;
      }
      out.printf(
          Locale.ROOT,
          "%-24s %8s %8s %8s %8s%s%n",
          d.id(),
          format(d.overall()),
          format(d.nid()),
          format(d.teds()),
          format(d.mhs()),
          d.predictionAvailable() ? "" : "  (no prediction)");
    }
    out.println();
    Mean overall = report.overall();
    out.printf(
        Locale.ROOT,
        "overall %s  mean over %d documents%n",
        format(overall.value()),
        overall.count());
    Mean nid = report.nid();
    out.printf(
        Locale.ROOT,
        "NID     %s  mean over %d documents with text in the ground truth (NID-S %s)%n",
        format(nid.value()),
        nid.count(),
        format(report.nidS().value()));
    Mean teds = report.teds();
    out.printf(
        Locale.ROOT,
        "TEDS    %s  mean over %d documents with a table in the ground truth (TEDS-S %s)%n",
        format(teds.value()),
        teds.count(),
        format(report.tedsS().value()));
    Mean mhs = report.mhs();
    out.printf(
        Locale.ROOT,
        "MHS     %s  mean over %d documents with a heading in the ground truth (MHS-S %s)%n",
        format(mhs.value()),
        mhs.count(),
        format(report.mhsS().value()));
    int missing = report.missingPredictions();
    int failed = report.failedDocuments();
    if (missing > 0 || failed > 0) {
      out.printf(Locale.ROOT, "missing predictions: %d, failed documents: %d%n", missing, failed);
    }
    out.flush();
    return text.toString();
  }

  private static String format(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.4f", value.getAsDouble()) : "-";
  }

  /**
   * The report as indented JSON.
   *
   * @param report the report
   * @return the JSON text
   */
  public static String json(EvalReport report) {
    try {
      return MAPPER.writeValueAsString(tree(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /**
   * Writes the report as indented JSON, creating the file's missing parent folders.
   *
   * @param report the report
   * @param file where to write
   * @throws UncheckedIOException if the file or a parent folder cannot be written
   */
  public static void writeJson(EvalReport report, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      MAPPER.writeValue(file.toFile(), tree(report));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode tree(EvalReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode metrics = root.putObject("metrics");
    ObjectNode score = metrics.putObject("score");
    score.put("overall_mean", boxed(report.overall().value()));
    score.put("nid_mean", boxed(report.nid().value()));
    score.put("nid_s_mean", boxed(report.nidS().value()));
    score.put("teds_mean", boxed(report.teds().value()));
    score.put("teds_s_mean", boxed(report.tedsS().value()));
    score.put("mhs_mean", boxed(report.mhs().value()));
    score.put("mhs_s_mean", boxed(report.mhsS().value()));
    metrics.put("document_count", report.documents().size());
    metrics.put("nid_count", report.nid().count());
    metrics.put("teds_count", report.teds().count());
    metrics.put("mhs_count", report.mhs().count());
    metrics.put("missing_predictions", report.missingPredictions());
    metrics.put("failed_documents", report.failedDocuments());
    ArrayNode docs = root.putArray("documents");
    for (DocumentScore d : report.documents()) {
      ObjectNode doc = docs.addObject();
      doc.put("document_id", d.id());
      ObjectNode scores = doc.putObject("scores");
      scores.put("overall", boxed(d.overall()));
      scores.put("nid", boxed(d.nid()));
      scores.put("nid_s", boxed(d.nidS()));
      scores.put("teds", boxed(d.teds()));
      scores.put("teds_s", boxed(d.tedsS()));
      scores.put("mhs", boxed(d.mhs()));
      scores.put("mhs_s", boxed(d.mhsS()));
      doc.put("prediction_available", d.predictionAvailable());
      if (d.failed()) {
        doc.put("error", d.error().get());
      }
    }
    return root;
  }

  /** The value, or null (written as JSON null) when empty. */
  private static Double boxed(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }
}
