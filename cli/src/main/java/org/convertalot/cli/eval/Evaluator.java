package org.convertalot.cli.eval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scores a folder of predictions against a folder of ground truth: every {@code <id>.md} of the
 * ground truth against {@code <id>.md} of the predictions, as the reference evaluator does. A
 * missing prediction is scored as an empty page (NID 0, and TEDS and MHS 0 where they apply).
 */
final class Evaluator {
  private Evaluator() {}

  /** The ground truth's Markdown files, sorted by name. */
  static List<Path> groundTruthFiles(Path groundTruthDir) throws IOException {
    try (Stream<Path> files = Files.list(groundTruthDir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
          .sorted()
          .toList();
    }
  }

  /** Scores every ground-truth document of {@code groundTruthDir}. */
  static List<DocumentScores> evaluate(Path groundTruthDir, Path predictionDir) throws IOException {
    List<DocumentScores> documents = new ArrayList<>();
    for (Path gtFile : groundTruthFiles(groundTruthDir)) {
      String name = gtFile.getFileName().toString();
      String id = name.substring(0, name.length() - ".md".length());
      Path predFile = predictionDir.resolve(name);
      boolean available = Files.isRegularFile(predFile);
      String prediction = available ? readText(predFile) : "";
      documents.add(score(id, readText(gtFile), prediction, available));
    }
    return documents;
  }

  /**
   * The scores of one document. Like the reference, a page whose scoring fails (a span that is no
   * integer) is reported as failed and left out of every mean.
   */
  static DocumentScores score(String id, String groundTruth, String prediction, boolean available) {
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
      return new DocumentScores(
          id,
          Means.mean(applicable),
          nid == null ? null : nid.nid(),
          nid == null ? null : nid.nidS(),
          teds == null ? null : teds.teds(),
          teds == null ? null : teds.tedsS(),
          mhs == null ? null : mhs.mhs(),
          mhs == null ? null : mhs.mhsS(),
          available,
          null);
    } catch (RuntimeException | StackOverflowError e) {
      // The reference skips a page its evaluator throws on; deeply nested stray tags in a
      // prediction can exhaust the stack of the recursive tree walks, which is such a failure too.
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new DocumentScores(id, null, null, null, null, null, null, null, available, message);
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
