package org.convertalot.cli.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The per-document scores with their means, as text for people and as JSON shaped like the
 * benchmark's {@code evaluation.json} ({@code metrics.score.*_mean}, {@code documents[].scores}).
 * Each metric's mean is over the documents it applies to; the overall mean is over the documents
 * with any score; failed documents count in none.
 */
final class EvalReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<DocumentScores> documents;

  EvalReport(List<DocumentScores> documents) {
    this.documents = List.copyOf(documents);
  }

  List<DocumentScores> documents() {
    return documents;
  }

  /** The mean of one score over the documents that have it; null when none has. */
  Double mean(Function<DocumentScores, Double> score) {
    return Means.mean(values(score));
  }

  /** How many documents have the score. */
  int count(Function<DocumentScores, Double> score) {
    return values(score).size();
  }

  private List<Double> values(Function<DocumentScores, Double> score) {
    return documents.stream().filter(d -> !d.failed()).map(score).filter(v -> v != null).toList();
  }

  long missingPredictions() {
    return documents.stream().filter(d -> !d.predictionAvailable()).count();
  }

  /** One line per document, then the means. */
  void printText(PrintWriter out) {
    out.printf(Locale.ROOT, "%-24s %8s %8s %8s %8s%n", "document", "overall", "NID", "TEDS", "MHS");
    for (DocumentScores d : documents) {
      if (d.failed()) {
        out.printf(Locale.ROOT, "%-24s failed: %s%n", d.documentId(), d.error());
        continue;
      }
      out.printf(
          Locale.ROOT,
          "%-24s %8s %8s %8s %8s%s%n",
          d.documentId(),
          format(d.overall()),
          format(d.nid()),
          format(d.teds()),
          format(d.mhs()),
          d.predictionAvailable() ? "" : "  (no prediction)");
    }
    out.println();
    int scored = count(DocumentScores::overall);
    out.printf(
        Locale.ROOT,
        "overall %s  mean over %d documents%n",
        format(mean(DocumentScores::overall)),
        scored);
    out.printf(
        Locale.ROOT,
        "NID     %s  mean over %d documents with text in the ground truth (NID-S %s)%n",
        format(mean(DocumentScores::nid)),
        count(DocumentScores::nid),
        format(mean(DocumentScores::nidS)));
    out.printf(
        Locale.ROOT,
        "TEDS    %s  mean over %d documents with a table in the ground truth (TEDS-S %s)%n",
        format(mean(DocumentScores::teds)),
        count(DocumentScores::teds),
        format(mean(DocumentScores::tedsS)));
    out.printf(
        Locale.ROOT,
        "MHS     %s  mean over %d documents with a heading in the ground truth (MHS-S %s)%n",
        format(mean(DocumentScores::mhs)),
        count(DocumentScores::mhs),
        format(mean(DocumentScores::mhsS)));
    long missing = missingPredictions();
    long failed = documents.stream().filter(DocumentScores::failed).count();
    if (missing > 0 || failed > 0) {
      out.printf(Locale.ROOT, "missing predictions: %d, failed documents: %d%n", missing, failed);
    }
    out.flush();
  }

  private static String format(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
  }

  /** The report as JSON. */
  ObjectNode toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode metrics = root.putObject("metrics");
    ObjectNode score = metrics.putObject("score");
    score.put("overall_mean", mean(DocumentScores::overall));
    score.put("nid_mean", mean(DocumentScores::nid));
    score.put("nid_s_mean", mean(DocumentScores::nidS));
    score.put("teds_mean", mean(DocumentScores::teds));
    score.put("teds_s_mean", mean(DocumentScores::tedsS));
    score.put("mhs_mean", mean(DocumentScores::mhs));
    score.put("mhs_s_mean", mean(DocumentScores::mhsS));
    metrics.put("document_count", documents.size());
    metrics.put("nid_count", count(DocumentScores::nid));
    metrics.put("teds_count", count(DocumentScores::teds));
    metrics.put("mhs_count", count(DocumentScores::mhs));
    metrics.put("missing_predictions", missingPredictions());
    metrics.put("failed_documents", documents.stream().filter(DocumentScores::failed).count());
    ArrayNode docs = root.putArray("documents");
    for (DocumentScores d : documents) {
      ObjectNode doc = docs.addObject();
      doc.put("document_id", d.documentId());
      ObjectNode scores = doc.putObject("scores");
      scores.put("overall", d.overall());
      scores.put("nid", d.nid());
      scores.put("nid_s", d.nidS());
      scores.put("teds", d.teds());
      scores.put("teds_s", d.tedsS());
      scores.put("mhs", d.mhs());
      scores.put("mhs_s", d.mhsS());
      doc.put("prediction_available", d.predictionAvailable());
      if (d.failed()) {
        doc.put("error", d.error());
      }
    }
    return root;
  }

  void writeJson(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    MAPPER.writeValue(file.toFile(), toJson());
  }
}
