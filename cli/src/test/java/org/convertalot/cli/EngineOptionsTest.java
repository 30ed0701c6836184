package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine options given with {@code --option} reach the job; malformed ones are usage errors. */
class EngineOptionsTest {
  @TempDir Path dir;

  @Test
  void optionsAreRecordedOnTheJob() throws Exception {
    Path pdf = TestPdf.write(dir.resolve("in/a.pdf"), "with options");
    Path out = dir.resolve("out");
    CliRunner.Result r =
        CliRunner.run(
            "convert",
            dir.resolve("in"),
            "--out",
            out,
            "--policy",
            "cpu_only",
            "--option",
            "pdfbox.emphasis=true",
            "--option",
            "pdfbox.links=true");
    assertEquals(0, r.exitCode(), r.toString());
    try (Stream<Path> jobs = Files.list(out.resolve(".convertalot/jobs"))) {
      String record = Files.readString(jobs.findFirst().orElseThrow());
      assertTrue(
          record.contains("\"options\":{\"pdfbox.emphasis\":\"true\",\"pdfbox.links\":\"true\"}"),
          record);
    }
    assertTrue(Files.exists(pdf));
  }

  @Test
  void aMalformedOptionIsAUsageError() throws Exception {
    TestPdf.write(dir.resolve("in/a.pdf"), "x");
    CliRunner.Result r =
        CliRunner.run(
            "convert", dir.resolve("in"), "--out", dir.resolve("out"), "--option", "bad key=1");
    assertEquals(2, r.exitCode(), r.toString());
    assertFalse(Files.exists(dir.resolve("out/.convertalot")), "nothing was opened");
  }
}
