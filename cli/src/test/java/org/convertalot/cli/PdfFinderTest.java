package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How inputs map to output paths; plain files, no conversion. */
class PdfFinderTest {
  @TempDir Path work;

  private Path touch(String relative) throws IOException {
    Path p = work.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, "%PDF-1.7");
  }

  @Test
  void foldersAreSearchedRecursivelyInSortedOrder() throws IOException {
    touch("in/z.pdf");
    touch("in/b/y.Pdf");
    touch("in/a/x.PDF");
    touch("in/a/readme.txt");
    touch("in/.convertalot/work/tmp.pdf");
    Path out = work.resolve("out");

    List<PlannedFile> found =
        new PdfFinder(out, work.resolve("in/.convertalot")).find(List.of(work.resolve("in")));

    assertEquals(
        List.of("a/x.PDF", "b/y.Pdf", "z.pdf"), found.stream().map(f -> f.display()).toList());
    assertEquals(out.resolve("a/x.md"), found.get(0).output());
    assertEquals(out.resolve("z.md"), found.get(2).output());
  }

  @Test
  void linkedFoldersAreNotEnteredButLinkedFilesCount() throws IOException {
    Path target = touch("elsewhere/hidden.pdf").getParent();
    Path real = touch("real.pdf");
    Path in = Files.createDirectories(work.resolve("in"));
    touch("in/plain.pdf");
    Files.createSymbolicLink(in.resolve("linked-dir"), target);
    Files.createSymbolicLink(in.resolve("linked.pdf"), real);

    List<PlannedFile> found =
        new PdfFinder(work.resolve("out"), work.resolve("data")).find(List.of(in));

    assertEquals(List.of("linked.pdf", "plain.pdf"), found.stream().map(f -> f.display()).toList());
  }

  @Test
  void fileInputsKeepTheirNameAndTheSameFileTwiceIsNoCollision() throws IOException {
    Path a = touch("in/report.PDF");
    Path out = work.resolve("out");

    List<PlannedFile> found =
        new PdfFinder(out, work.resolve("data")).find(List.of(a, work.resolve("in"), a));

    assertEquals(1, found.size());
    assertEquals(out.resolve("report.md"), found.get(0).output());
  }

  @Test
  void caseVariantsThatMeetInOneOutputAreACollision() throws IOException {
    touch("in/x.pdf");
    touch("in/x.PDF");
    UsageError e =
        assertThrows(
            UsageError.class,
            () ->
                new PdfFinder(work.resolve("out"), work.resolve("data"))
                    .find(List.of(work.resolve("in"))));
    assertTrue(e.getMessage().contains("would both be written to"), e.getMessage());
  }
}
