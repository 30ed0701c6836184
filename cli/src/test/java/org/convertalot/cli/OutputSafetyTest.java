package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convertalot.core.internal.process.ProcessTokens;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output files and what the terminal shows (issue 15, items 8 and 12): {@code export} never writes
 * outside {@code --out} and goes on past a file it cannot write; names up to the file system's
 * limit work; temp files of killed runs do not stay; names with escape sequences never reach the
 * terminal raw.
 */
class OutputSafetyTest {
  @TempDir Path work;

  @Test
  void exportKeepsEveryFileInsideOutEvenWhenARecordNamesAPathOutsideIt() throws Exception {
    Path in = work.resolve("in");
    TestPdf.write(in.resolve("a.pdf"), "Alpha");
    TestPdf.write(in.resolve("b.pdf"), "Bravo");
    TestPdf.write(in.resolve("c.pdf"), "Charlie");
    Path root = work.resolve("data");
    assertEquals(
        0,
        CliRunner.run("convert", in, "--out", work.resolve("first"), "--data-root", root)
            .exitCode());
    // Records edited by hand or by a hostile tool: a name with "..", an absolute one.
    replaceInRecords(root, "\"name\":\"a.pdf\"", "\"name\":\"../../escaped.pdf\"");
    replaceInRecords(root, "\"name\":\"b.pdf\"", "\"name\":\"/tmp/absolute.pdf\"");

    Path out = work.resolve("deep/out");
    CliRunner.Result r = CliRunner.run("export", "--data-root", root, "--out", out);
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(
        List.of("absolute.md", "c.md", "escaped.md"),
        list(out).stream().map(p -> p.getFileName().toString()).sorted().toList());
    assertFalse(Files.exists(work.resolve("escaped.md")));
    assertFalse(Files.exists(work.resolve("deep/escaped.md")));
    assertTrue(Files.readString(out.resolve("escaped.md")).contains("Alpha"));
  }

  @Test
  void oneFileThatCannotBeWrittenDoesNotStopTheExport() throws Exception {
    Path in = work.resolve("in");
    TestPdf.write(in.resolve("a.pdf"), "Alpha");
    TestPdf.write(in.resolve("b.pdf"), "Bravo");
    Path root = work.resolve("data");
    CliRunner.run("convert", in, "--out", work.resolve("first"), "--data-root", root);
    Path out = work.resolve("out");
    // A folder where a.md should go: the write of that one file fails.
    Files.createDirectories(out.resolve("a.md").resolve("occupied"));

    CliRunner.Result r = CliRunner.run("export", "--data-root", root, "--out", out);
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(Files.readString(out.resolve("b.md")).contains("Bravo"), r.toString());
    assertTrue(r.err().contains("not exported") && r.err().contains("a.pdf"), r.toString());
    assertTrue(r.out().contains("1 could not be written"), r.toString());
    assertFalse(r.err().contains("FileSystemException"), r.toString());
  }

  @Test
  void namesUpToTheFileSystemLimitConvertAndLeftoverTempFilesOfDeadRunsAreRemoved()
      throws Exception {
    Path in = work.resolve("in");
    String longName = "n".repeat(251) + ".pdf"; // 255 bytes, the ext4 and tmpfs limit
    TestPdf.write(in.resolve(longName), "A long name");
    Path out = work.resolve("out");
    Files.createDirectories(out);
    String dead = ProcessTokens.current().prefix().replaceFirst("-[0-9]+-$", "-" + deadPid() + "-");
    Path leftover = Files.writeString(out.resolve(".convertalot-" + dead + "7.tmp"), "half");
    Path foreign = Files.writeString(out.resolve(".convertalot-00000000-1-7.tmp"), "theirs");

    CliRunner.Result r =
        CliRunner.run("convert", in, "--out", out, "--data-root", work.resolve("data"));
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(Files.readString(out.resolve("n".repeat(251) + ".md")).contains("A long name"));
    assertFalse(Files.exists(leftover), "a killed run's temp file is removed");
    assertTrue(Files.exists(foreign), "another host's or container's temp file stays");
    assertEquals(2, list(out).size(), list(out).toString());
  }

  @Test
  void fileNamesWithTerminalEscapesAreShownEscapedNeverRaw() throws Exception {
    Path in = work.resolve("in");
    String evil = "red\u001b[31m\u001b]0;pwned\u0007name";
    TestPdf.write(in.resolve(evil + ".pdf"), "Harmless");
    Files.writeString(in.resolve("bad\u001b[2J.pdf"), "not a pdf at all");

    CliRunner.Result r =
        CliRunner.run(
            "convert", in, "--out", work.resolve("out"), "--data-root", work.resolve("d"));
    assertEquals(1, r.exitCode(), r.toString());
    assertFalse(r.out().contains("\u001b") || r.err().contains("\u001b"), r.toString());
    assertFalse(r.out().contains("\u0007") || r.err().contains("\u0007"), r.toString());
    assertTrue(r.out().contains("bad\\x1B[2J.pdf"), r.toString());
  }

  private static List<Path> list(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  private static void replaceInRecords(Path root, String from, String to) throws Exception {
    try (Stream<Path> records = Files.list(root.resolve("jobs"))) {
      for (Path record : records.toList()) {
        String json = Files.readString(record);
        Files.writeString(record, json.replace(from, to));
      }
    }
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
