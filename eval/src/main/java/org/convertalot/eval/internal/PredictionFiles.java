package org.convertalot.eval.internal;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the files of an evaluation lie. The ground truth is a flat folder of {@code <id>.md} files;
 * the predictions lie at any depth under their folder, as {@code convertalot convert DIR --out OUT}
 * writes them ({@code OUT/<relative path of the PDF without .pdf>.md}), and a prediction matches
 * the ground truth of the same file name. The data folders that {@code convert} keeps in its output
 * ({@code .convertalot}) are not searched.
 */
final class PredictionFiles {
  /** The name of the data folder that {@code convert} keeps under its output folder. */
  static final String DATA_FOLDER = ".convertalot";

  private PredictionFiles() {}

  /** The ground truth's Markdown files, sorted by name. */
  static List<Path> groundTruthFiles(Path groundTruthDir) throws IOException {
    try (Stream<Path> files = Files.list(groundTruthDir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
          .sorted()
          .toList();
    }
  }

  /**
   * The prediction of every ground-truth file that has one, by file name ({@code <id>.md}).
   * Symbolic links are followed; a link that leads back into a folder above it is skipped.
   *
   * @throws IllegalArgumentException if a ground-truth file name names files in two places under
   *     {@code predictionsDir}
   */
  static Map<String, Path> find(Path predictionsDir, List<Path> groundTruthFiles)
      throws IOException {
    Set<String> names = new HashSet<>();
    for (Path file : groundTruthFiles) {
      names.add(file.getFileName().toString());
    }
    Map<String, List<Path>> found = new TreeMap<>();
    Files.walkFileTree(
        predictionsDir,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            boolean dataFolder =
                !dir.equals(predictionsDir) && dir.getFileName().toString().equals(DATA_FOLDER);
            return dataFolder ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String name = file.getFileName().toString();
            if (attrs.isRegularFile() && names.contains(name)) {
              found.computeIfAbsent(name, n -> new ArrayList<>()).add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof FileSystemLoopException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
    Map<String, Path> predictions = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (Map.Entry<String, List<Path>> e : found.entrySet()) {
      List<Path> files = e.getValue();
      if (files.size() > 1) {
        String id = e.getKey().substring(0, e.getKey().length() - ".md".length());
        duplicates.add(
            files.size()
                + " predictions for document "
                + id
                + ": "
                + files.stream().sorted().map(Path::toString).collect(Collectors.joining(" and ")));
      } else {
        predictions.put(e.getKey(), files.get(0));
      }
    }
    if (!duplicates.isEmpty()) {
      throw new IllegalArgumentException(
          String.join("; ", duplicates)
              + " (a ground-truth <id>.md must match one file under "
              + predictionsDir
              + ")");
    }
    return predictions;
  }
}
