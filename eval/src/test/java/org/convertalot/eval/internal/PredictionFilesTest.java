package org.convertalot.eval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding predictions under their folder: depth, convert's data folder, symbolic links. */
class PredictionFilesTest {
  @TempDir Path work;

  @Test
  void matchesByFileNameAtAnyDepthButNotInDataFolders() throws IOException {
    Path pred = Files.createDirectories(work.resolve("pred/a/b/c"));
    Files.writeString(pred.resolve("x.md"), "x");
    Path data = Files.createDirectories(work.resolve("pred/a/.convertalot"));
    Files.writeString(data.resolve("y.md"), "y");
    Files.createDirectories(work.resolve("pred/z.md")); // a folder is no prediction
    Map<String, Path> found =
        PredictionFiles.find(
            work.resolve("pred"), List.of(Path.of("x.md"), Path.of("y.md"), Path.of("z.md")));
    assertEquals(Map.of("x.md", pred.resolve("x.md")), found);
  }

  @Test
  void aDataFolderGivenAsThePredictionsFolderIsSearched() throws IOException {
    Path data = Files.createDirectories(work.resolve(".convertalot"));
    Files.writeString(data.resolve("x.md"), "x");
    assertEquals(
        Map.of("x.md", data.resolve("x.md")), PredictionFiles.find(data, List.of(Path.of("x.md"))));
  }

  @Test
  void followsSymbolicLinksAndSkipsLoops() throws IOException {
    Path real = Files.createDirectories(work.resolve("real"));
    Files.writeString(real.resolve("x.md"), "x");
    Path link = work.resolve("link");
    try {
      Files.createSymbolicLink(link, real);
      Files.createSymbolicLink(real.resolve("loop"), real);
    } catch (UnsupportedOperationException | IOException e) {
      Assumptions.abort("no symbolic links here: " + e);
    }
    assertEquals(
        Map.of("x.md", link.resolve("x.md")), PredictionFiles.find(link, List.of(Path.of("x.md"))));
  }
}
