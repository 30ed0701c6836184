package org.convertalot.eval;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.convertalot.eval.internal.Means;
import org.convertalot.eval.internal.ReportFormat;

/**
 * The per-document scores of one evaluation with their means, as text for people ({@link
 * #toText()}) and as JSON shaped like the benchmark's {@code evaluation.json} ({@link #toJson()}:
 * {@code metrics.score.*_mean}, {@code documents[].scores}). Each metric's mean is over the
 * documents it applies to, the overall mean over the documents with any score; failed documents
 * count in no mean.
 *
 * @param documents the scored documents, in ground-truth file name order
 */
public record EvalReport(List<DocumentScore> documents) {
  /**
   * Copies the list.
   *
   * @param documents the scored documents
   * @throws NullPointerException if the list or one of its elements is null
   */
  public EvalReport {
    documents = List.copyOf(documents);
  }

  /**
   * The mean of the documents' overall scores.
   *
   * @return the mean over every document that did not fail and has any score
   */
  public Mean overall() {
    return mean(DocumentScore::overall);
  }

  /**
   * The mean NID.
   *
   * @return the mean over the documents with text in the ground truth
   */
  public Mean nid() {
    return mean(DocumentScore::nid);
  }

  /**
   * The mean NID-S.
   *
   * @return the mean over the documents with text in the ground truth
   */
  public Mean nidS() {
    return mean(DocumentScore::nidS);
  }

  /**
   * The mean TEDS.
   *
   * @return the mean over the documents with a table in the ground truth
   */
  public Mean teds() {
    return mean(DocumentScore::teds);
  }

  /**
   * The mean TEDS-S.
   *
   * @return the mean over the documents with a table in the ground truth
   */
  public Mean tedsS() {
    return mean(DocumentScore::tedsS);
  }

  /**
   * The mean MHS.
   *
   * @return the mean over the documents with a heading in the ground truth
   */
  public Mean mhs() {
    return mean(DocumentScore::mhs);
  }

  /**
   * The mean MHS-S.
   *
   * @return the mean over the documents with a heading in the ground truth
   */
  public Mean mhsS() {
    return mean(DocumentScore::mhsS);
  }

  /**
   * How many documents had no prediction and were scored as an empty page.
   *
   * @return the number of documents whose {@link DocumentScore#predictionAvailable()} is false
   */
  public int missingPredictions() {
    return (int) documents.stream().filter(d -> !d.predictionAvailable()).count();
  }

  /**
   * How many documents failed to score.
   *
   * @return the number of documents whose {@link DocumentScore#failed()} is true
   */
  public int failedDocuments() {
    return (int) documents.stream().filter(DocumentScore::failed).count();
  }

  /**
   * The report for people: one line per document (overall, NID, TEDS, MHS; {@code -} where a metric
   * does not apply), a blank line, then one line per mean with its document count, and a line
   * counting missing predictions and failed documents when there are any. Lines end with the
   * platform's line separator.
   *
   * @return the text
   */
  public String toText() {
    return ReportFormat.text(this);
  }

  /**
   * The report as indented JSON: {@code metrics} ({@code score} with {@code overall_mean}, {@code
   * nid_mean}, {@code nid_s_mean}, {@code teds_mean}, {@code teds_s_mean}, {@code mhs_mean}, {@code
   * mhs_s_mean}; {@code document_count}, {@code nid_count}, {@code teds_count}, {@code mhs_count},
   * {@code missing_predictions}, {@code failed_documents}) and {@code documents} (each with {@code
   * document_id}, {@code scores} with the seven scores, {@code prediction_available} and, if it
   * failed, {@code error}). A mean or score that does not apply is {@code null}.
   *
   * @return the JSON text
   */
  public String toJson() {
    return ReportFormat.json(this);
  }

  /**
   * Writes {@link #toJson()} to a file in UTF-8, creating its missing parent folders and replacing
   * the file if it exists.
   *
   * @param file where to write
   * @throws UncheckedIOException if the file or a parent folder cannot be written
   */
  public void writeJson(Path file) {
    ReportFormat.writeJson(this, file);
  }

  private Mean mean(Function<DocumentScore, OptionalDouble> score) {
    List<Double> values =
        documents.stream()
            .filter(d -> !d.failed())
            .map(score)
            .filter(OptionalDouble::isPresent)
            .map(OptionalDouble::getAsDouble)
            .toList();
    return new Mean(Means.mean(values), values.size());
  }
}
