package org.convertalot.eval;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import org.convertalot.eval.internal.Scorer;

/**
 * Scores Markdown predictions against ground truth with the opendataloader-bench metrics. Every
 * {@code <id>.md} file of the ground-truth folder is scored against the file {@code <id>.md} of the
 * predictions folder; a missing prediction is scored as an empty page. Files are read as UTF-8 with
 * universal newlines; a file that is not valid UTF-8 reads as an empty page, as in the reference
 * evaluator.
 *
 * <p>An evaluator is immutable and may be shared between threads; {@link #evaluate} reads the
 * folders anew on every call.
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * The evaluator.
   *
   * @return an evaluator
   */
  public static Evaluator create() {
    return new Evaluator();
  }

  /**
   * Scores every ground-truth document.
   *
   * @param groundTruth the folder of ground-truth files {@code <id>.md}
   * @param predictions the folder under which the predictions lie, at any depth
   * @return the scores, one document per ground-truth file in file name order
   * @throws IllegalArgumentException if a folder does not exist, the ground-truth folder has no
   *     {@code .md} file, or two files under {@code predictions} have the name of one ground-truth
   *     file (the message names them)
   * @throws UncheckedIOException if a folder or file cannot be read
   * @throws NullPointerException if an argument is null
   */
  public EvalReport evaluate(Path groundTruth, Path predictions) {
    Objects.requireNonNull(groundTruth, "groundTruth");
    Objects.requireNonNull(predictions, "predictions");
    return new EvalReport(Scorer.evaluate(groundTruth, predictions));
  }
}
