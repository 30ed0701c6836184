package org.convertalot.eval.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.convertalot.eval.DocumentScore;

/**
 * Scores a folder of predictions against a folder of ground truth: every {@code <id>.md} of the
 * ground truth against the prediction named {@code <id>.md} at any depth under the predictions
 * folder (see {@link PredictionFiles}), as the reference evaluator does. A missing prediction is
 * scored as an empty page (NID 0, and TEDS and MHS 0 where they apply), or left out when only
 * predicted documents are scored.
 */
public final class Scorer {
  private Scorer() {}

  /**
   * Scores the ground-truth documents of {@code groundTruthDir}, in file name order.
   *
   * @param groundTruthDir the folder of {@code <id>.md} ground-truth files
   * @param predictionsDir the folder under which the predictions lie, at any depth
   * @param onlyPredicted whether to leave out the documents that have no prediction
   * @return one score per document
   * @throws IllegalArgumentException if a folder is missing, the ground truth has no {@code .md}
   *     file, a document has two predictions, or {@code onlyPredicted} leaves no document
   * @throws UncheckedIOException if a folder or file cannot be read
   */
  public static List<DocumentScore> evaluate(
      Path groundTruthDir, Path predictionsDir, boolean onlyPredicted) {
    if (!Files.isDirectory(groundTruthDir)) {
      throw new IllegalArgumentException("ground truth folder not found: " + groundTruthDir);
    }
    if (!Files.isDirectory(predictionsDir)) {
      throw new IllegalArgumentException("predictions folder not found: " + predictionsDir);
    }
    try {
      List<Path> groundTruth = PredictionFiles.groundTruthFiles(groundTruthDir);
      if (groundTruth.isEmpty()) {
        throw new IllegalArgumentException(
            "no .md files in the ground truth folder: " + groundTruthDir);
      }
      Map<String, Path> predictions = PredictionFiles.find(predictionsDir, groundTruth);
      List<DocumentScore> documents = new ArrayList<>();
      for (Path gtFile : groundTruth) {
        String name = gtFile.getFileName().toString();
        String id = name.substring(0, name.length() - ".md".length());
        Path predFile = predictions.get(name);
        if (predFile == null && onlyPredicted) {
          continue;
        }
        String prediction = predFile == null ? "" : readText(predFile);
        documents.add(score(id, readText(gtFile), prediction, predFile != null));
      }
      if (documents.isEmpty()) {
        throw new IllegalArgumentException(
            "no ground truth document of "
                + groundTruthDir
                + " has a prediction under "
                + predictionsDir);
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The scores of one document. Like the reference, a page whose scoring fails (a span that is no
   * integer) is reported as failed and left out of every mean.
   */
  static DocumentScore score(String id, String groundTruth, String prediction, boolean available) {
    try {
      ReadingOrderScore.Result nid = ReadingOrderScore.score(groundTruth, prediction);
      TableScore.Result teds = TableScore.score(groundTruth, prediction);
      HeadingScore.Result mhs = HeadingScore.score(groundTruth, prediction);
      List<Double> applicable = new ArrayList<>();
      if (nid != null) {
        applicable.add(nid.nid());
      }
      if (teds != null) {
        applicable.add(teds.teds());
      }
      if (mhs != null) {
        applicable.add(mhs.mhs());
      }
      return new DocumentScore(
          id,
          Means.mean(applicable),
          nid == null ? OptionalDouble.empty() : OptionalDouble.of(nid.nid()),
          nid == null ? OptionalDouble.empty() : OptionalDouble.of(nid.nidS()),
          teds == null ? OptionalDouble.empty() : OptionalDouble.of(teds.teds()),
          teds == null ? OptionalDouble.empty() : OptionalDouble.of(teds.tedsS()),
          mhs == null ? OptionalDouble.empty() : OptionalDouble.of(mhs.mhs()),
          mhs == null ? OptionalDouble.empty() : OptionalDouble.of(mhs.mhsS()),
          available,
          Optional.empty());
    } catch (RuntimeException | StackOverflowError e) {
      // The reference skips a page its evaluator throws on; deeply nested stray tags in a
      // prediction can exhaust the stack of the recursive tree walks, which is such a failure too.
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      OptionalDouble none = OptionalDouble.empty();
      return new DocumentScore(
          id, none, none, none, none, none, none, none, available, Optional.of(message));
    }
  }

  /**
   * The file as Python's {@code read_text(encoding="utf-8")} returns it: universal newlines ({@code
   * \r\n} and {@code \r} read as {@code \n}), and the empty string for bytes that are not UTF-8,
   * which the reference scores as an empty page.
   */
  static String readText(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      return "";
    }
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }
}
