package org.convertalot.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the inputs of {@code convert} into a sorted list of PDFs with their output paths. A folder
 * is searched recursively for regular files whose name ends with {@code .pdf} in any case (links to
 * files count, linked folders are not entered); a file input is taken as it is. Every problem is a
 * {@link UsageError}, found before anything is converted.
 */
final class PdfFinder {
  private final Path out;
  private final Path skip;
  // Keyed by output path: sorted, and a second source for the same output is a collision.
  private final Map<Path, PlannedFile> byOutput = new TreeMap<>();

  /**
   * @param out the output folder
   * @param skip a folder never searched (the data root, which may lie inside an input folder), or
   *     {@code null}
   */
  PdfFinder(Path out, Path skip) {
    this.out = out.toAbsolutePath().normalize();
    this.skip = skip == null ? null : realOrAbsolute(skip);
  }

  /** Finds the PDFs of all inputs, sorted by output path. */
  List<PlannedFile> find(List<Path> inputs) {
    for (Path input : inputs) {
      Path abs = input.toAbsolutePath().normalize();
      if (Files.isDirectory(abs)) {
        walk(abs);
      } else if (Files.isRegularFile(abs)) {
        String name = abs.getFileName().toString();
        add(new PlannedFile(abs, out.resolve(markdownName(name)), Display.safe(name)));
      } else if (Files.exists(abs) || Files.isSymbolicLink(abs)) {
        throw new UsageError("input is neither a file nor a folder: " + input);
      } else {
        throw new UsageError("input not found: " + input);
      }
    }
    if (byOutput.isEmpty()) {
      throw new UsageError("no PDF files found in " + inputs);
    }
    return List.copyOf(byOutput.values());
  }

  /** {@code a.pdf} and {@code a.PDF} become {@code a.md}; any other name gets {@code .md} added. */
  static String markdownName(String fileName) {
    if (fileName.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
      return fileName.substring(0, fileName.length() - 4) + ".md";
    }
    return fileName + ".md";
  }

  static boolean isPdfName(Path file) {
    return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf");
  }

  private void walk(Path folder) {
    // The folder named by the user is followed even when it is a link; links below it are not.
    Path root = realOrAbsolute(folder);
    FileVisitor<Path> visitor =
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return dir.equals(skip) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            boolean regular =
                attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file));
            if (regular && isPdfName(file)) {
              Path rel = root.relativize(file);
              Path output = out.resolve(rel).resolveSibling(markdownName(name(rel)));
              add(new PlannedFile(file, output, Display.safe(slashed(rel))));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage());
          }
        };
    try {
      Files.walkFileTree(root, visitor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void add(PlannedFile file) {
    PlannedFile before = byOutput.putIfAbsent(file.output(), file);
    if (before != null && !sameFile(before.source(), file.source())) {
      throw new UsageError(
          before.source()
              + " and "
              + file.source()
              + " would both be written to "
              + file.output()
              + "; convert them into different --out folders");
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return a.equals(b);
    }
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  private static String slashed(Path rel) {
    StringBuilder sb = new StringBuilder();
    for (Path part : rel) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  private static Path realOrAbsolute(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      return abs;
    }
  }
}
