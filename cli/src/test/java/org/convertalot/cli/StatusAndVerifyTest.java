package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} and {@code verify} on a data root filled by {@code convert}. */
class StatusAndVerifyTest {
  @TempDir Path work;
  Path root;

  @BeforeEach
  void convertSome() {
    Path docs = work.resolve("docs");
    TestPdf.write(docs.resolve("one.pdf"), "One");
    TestPdf.write(docs.resolve("sub/two.pdf"), "Two", "Two again");
    NotAPdf.randomBytes(docs.resolve("sub/broken.pdf"), 7);
    Path out = work.resolve("out");
    CliRunner.Result r = CliRunner.run("convert", docs, "--out", out, "--policy", "cpu_only");
    assertEquals(1, r.exitCode(), r.toString());
    root = out.resolve(".convertalot");
  }

  @Test
  void statusJsonShowsTheCountsPerState() {
    CliRunner.Result r = CliRunner.run("status", "--data-root", root, "--json");

    assertEquals(0, r.exitCode(), r.toString());
    JsonNode json = r.json();
    assertEquals(2, json.get("counts").get("succeeded").asInt(), r.toString());
    assertEquals(1, json.get("counts").get("failed").asInt());
    assertEquals(0, json.get("counts").get("queued").asInt());
    assertEquals(0, json.get("counts").get("running").asInt());
    assertEquals("default", json.get("namespace").asText());
    assertEquals(0, json.get("workers").asInt());
    List<String> engines =
        Stream.of(json.get("engines")).flatMap(e -> e.findValuesAsText("id").stream()).toList();
    assertTrue(engines.contains("pdfbox"), engines.toString());
  }

  @Test
  void statusTextIsReadable() {
    CliRunner.Result r = CliRunner.run("status", "--data-root", root);

    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("succeeded 2"), r.toString());
    assertTrue(r.out().contains("failed 1"), r.toString());
    assertTrue(r.out().contains("pdfbox"), r.toString());
    assertTrue(r.out().contains("running:   none") || r.out().contains("running: none"), r.out());
  }

  @Test
  void verifyPassesThenFindsACorruptedArtifact() throws IOException {
    CliRunner.Result clean = CliRunner.run("verify", "--data-root", root);
    assertEquals(0, clean.exitCode(), clean.toString());
    assertEquals("verified 3 jobs, 2 artifacts: OK", clean.out().strip());

    Path artifact;
    try (Stream<Path> files = Files.walk(root.resolve("artifacts"))) {
      List<Path> all = files.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
      assertFalse(all.isEmpty(), "artifacts exist under " + root);
      artifact = all.get(0);
    }
    Files.writeString(artifact, "tampered\n", java.nio.file.StandardOpenOption.APPEND);

    CliRunner.Result dirty = CliRunner.run("verify", "--data-root", root);

    assertEquals(1, dirty.exitCode(), dirty.toString());
    assertTrue(dirty.out().contains("1 violation"), dirty.toString());
    assertFalse(dirty.out().contains(": OK"), dirty.toString());
  }
}
