package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convertalot.api.backend.EngineOption;
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

  @Test
  void anUnknownKeyOrABadValueIsAUsageErrorListingTheEnginesOptions() throws Exception {
    TestPdf.write(dir.resolve("in/a.pdf"), "x");
    for (String option : List.of("pdfbox.nope=1", "pdfbox.links=maybe", "nosuch.key=1")) {
      CliRunner.Result r =
          CliRunner.run(
              "convert",
              dir.resolve("in"),
              "--out",
              dir.resolve("out"),
              "--policy",
              "cpu_only",
              "--option",
              option);
      assertEquals(2, r.exitCode(), option + ": " + r);
      assertTrue(r.err().contains("Engine options:"), option + ": " + r);
      assertTrue(r.err().contains("pdfbox.links=false"), option + ": " + r);
      assertFalse(
          Files.exists(dir.resolve("out")), "checked before anything is created: " + option);
    }
    CliRunner.Result bad =
        CliRunner.run(
            "submit",
            dir.resolve("in"),
            "--data-root",
            dir.resolve("d"),
            "--option",
            "pdfbox.links=maybe");
    assertEquals(2, bad.exitCode(), bad.toString());
    assertTrue(bad.err().contains("takes true or false, not 'maybe'"), bad.toString());
    assertFalse(Files.exists(dir.resolve("d")), "no data root was created");
  }

  @Test
  void convertHelpListsEveryEngineOptionWithItsDefault() {
    CliRunner.Result help = CliRunner.run("convert", "--help");
    assertEquals(0, help.exitCode(), help.toString());
    assertTrue(help.out().contains("Engine options"), help.toString());
    int options = 0;
    for (EngineCatalog.Entry engine : EngineCatalog.discover()) {
      for (EngineOption option : engine.options()) {
        String shown = option.defaultValue().isEmpty() ? "\"\"" : option.defaultValue();
        assertTrue(help.out().contains(option.key() + "=" + shown), option + "\n" + help);
        options++;
      }
    }
    assertTrue(options >= 4, "the pdfbox engine declares its options");
    assertTrue(
        help.out().indexOf("Engine options") < help.out().indexOf("Exit codes"), help.toString());
  }

  @Test
  void thePolicyIsReadInAnyCase() throws Exception {
    TestPdf.write(dir.resolve("in/a.pdf"), "any case");
    CliRunner.Result r =
        CliRunner.run(
            "convert", dir.resolve("in"), "--out", dir.resolve("out"), "--policy", "CPU_Only");
    assertEquals(0, r.exitCode(), r.toString());
  }
}
