package org.convertalot.eval;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.convertalot.eval.internal.Scorer;

/**
 * Scores Markdown predictions against ground truth with the opendataloader-bench metrics. Every
 * {@code <id>.md} file of the ground-truth folder (one flat folder) is scored against the file
 * named {@code <id>.md} anywhere under the predictions folder, which is the layout that {@code
 * convertalot convert DIR --out OUT} writes ({@code OUT/<relative path of the PDF without
 * .pdf>.md}); the {@code .convertalot} data folders under it are not searched, symbolic links are
 * followed. A missing prediction is scored as an empty page, as in the reference evaluator, unless
 * the evaluator scores {@linkplain Builder#onlyPredicted(boolean) only predicted documents}. Files
 * are read as UTF-8 with universal newlines; a file that is not valid UTF-8 reads as an empty page,
 * as in the reference evaluator.
 *
 * <pre>{@code
 * EvalReport all = Evaluator.create().evaluate(groundTruth, predictions);
 * EvalReport some = Evaluator.builder().onlyPredicted(true).build().evaluate(groundTruth, predictions);
 * }</pre>
 *
 * <p>An evaluator is immutable and may be shared between threads; {@link #evaluate} reads the
 * folders anew on every call.
 */
public final class Evaluator {
  private final boolean onlyPredicted;

  private Evaluator(Builder builder) {
    this.onlyPredicted = builder.onlyPredicted;
  }

  /**
   * The evaluator of the benchmark: it scores every ground-truth document, a missing prediction as
   * an empty page.
   *
   * @return the default evaluator
   */
  public static Evaluator create() {
    return builder().build();
  }

  /**
   * A builder with the defaults of {@link #create()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Scores every ground-truth document.
   *
   * @param groundTruth the folder of ground-truth files {@code <id>.md}
   * @param predictions the folder under which the predictions lie, at any depth
   * @return the scores, one document per ground-truth file in file name order (only those with a
   *     prediction when the evaluator scores only predicted documents)
   * @throws IllegalArgumentException if a folder does not exist, the ground-truth folder has no
   *     {@code .md} file, two files under {@code predictions} have the name of one ground-truth
   *     file (the message names them), or the evaluator scores only predicted documents and no
   *     ground-truth document has a prediction
   * @throws UncheckedIOException if a folder or file cannot be read
   * @throws NullPointerException if an argument is null
   */
  public EvalReport evaluate(Path groundTruth, Path predictions) {
    Objects.requireNonNull(groundTruth, "groundTruth");
    Objects.requireNonNull(predictions, "predictions");
    return new EvalReport(Scorer.evaluate(groundTruth, predictions, onlyPredicted));
  }

  /**
   * Whether this evaluator leaves out the ground-truth documents that have no prediction.
   *
   * @return true when only documents with a prediction are scored
   */
  public boolean onlyPredicted() {
    return onlyPredicted;
  }

  /** Configures an {@link Evaluator}; not thread-safe, the evaluators it builds are. */
  public static final class Builder {
    private boolean onlyPredicted;

    private Builder() {}

    /**
     * Whether to score only the ground-truth documents that have a prediction. Off by default: a
     * document without a prediction is scored as an empty page, which is how the benchmark scores
     * an engine that produced nothing for a page; on, such documents are left out of the report and
     * of every mean, for scoring a partial run.
     *
     * @param value true to leave out the documents without a prediction
     * @return this builder
     */
    public Builder onlyPredicted(boolean value) {
      this.onlyPredicted = value;
      return this;
    }

    /**
     * An evaluator with this builder's settings.
     *
     * @return a new evaluator
     */
    public Evaluator build() {
      return new Evaluator(this);
    }
  }
}
