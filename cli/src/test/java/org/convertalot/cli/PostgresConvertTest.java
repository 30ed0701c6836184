package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert --store postgres} in-process on the module path (so the module descriptor is
 * proven to reach the pool and the driver): real PDFs, the PDFBox engine, a real PostgreSQL server.
 */
class PostgresConvertTest {
  private static EmbeddedPg pg;

  @TempDir Path work;

  @BeforeAll
  static void startServer() {
    pg = EmbeddedPg.start();
  }

  @AfterAll
  static void stopServer() {
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void convertsAFolderIntoMarkdownWithTheJobsInTheDatabase() throws Exception {
    Path docs = work.resolve("docs");
    TestPdf.write(docs.resolve("alpha.pdf"), "Alpha page one", "Alpha page two");
    TestPdf.write(docs.resolve("sub/bravo.pdf"), "Bravo nested");
    TestPdf.write(docs.resolve("charlie.pdf"), "Charlie");
    Path out = work.resolve("out");
    Path password = Files.writeString(work.resolve("password.txt"), pg.password() + "\n");
    Object[] args =
        args(
            List.of(
                "convert", docs, "--out", out, "--policy", "cpu_only", "--workers", 2, "--json"),
            onSchema(password, "convert_test"));

    CliRunner.Result first = CliRunner.run(args);

    assertEquals(0, first.exitCode(), first.toString());
    assertTrue(Files.readString(out.resolve("alpha.md")).contains("Alpha page two"));
    assertTrue(Files.readString(out.resolve("sub/bravo.md")).contains("Bravo nested"));
    assertTrue(Files.readString(out.resolve("charlie.md")).contains("Charlie"));
    assertFalse(Files.exists(out.resolve(".convertalot")), "no data root with --store postgres");
    JsonNode summary = first.json();
    assertEquals(3, summary.get("converted").asInt(), first.toString());
    assertEquals("postgres", summary.get("store").asText());
    assertEquals("convert_test", summary.get("schema").asText());
    assertEquals(pg.jdbcUrl(), summary.get("jdbc_url").asText());
    assertFalse(summary.has("data_root"), first.out());
    assertTrue(
        first.err().contains("store: postgres schema convert_test on " + pg.jdbcUrl()),
        first.toString());

    // The jobs are in the database: a second run reads every result back.
    Files.delete(out.resolve("charlie.md"));
    CliRunner.Result again = CliRunner.run(args);
    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(0, again.json().get("converted").asInt(), again.toString());
    assertEquals(3, again.json().get("reused").asInt(), again.toString());
    assertTrue(Files.readString(out.resolve("charlie.md")).contains("Charlie"));

    CliRunner.Result status =
        CliRunner.run(args(List.of("status", "--json"), onSchema(password, "convert_test")));
    assertEquals(0, status.exitCode(), status.toString());
    assertEquals(3, status.json().get("counts").get("succeeded").asInt(), status.toString());
    for (CliRunner.Result r : new CliRunner.Result[] {first, again, status}) {
      assertFalse(r.out().contains(pg.password()) || r.err().contains(pg.password()), r.toString());
    }
  }

  @Test
  void withASharedFolderThePdfsAndTheMarkdownAreFilesThere() throws Exception {
    Path docs = work.resolve("shared-docs");
    TestPdf.write(docs.resolve("delta.pdf"), "Delta on a shared folder");
    Path out = work.resolve("shared-out");
    Path shared = work.resolve("mounted");
    Path password = Files.writeString(work.resolve("shared-password.txt"), pg.password() + "\n");
    CliRunner.Result run =
        CliRunner.run(
            args(
                List.of("convert", docs, "--out", out, "--policy", "cpu_only"),
                onSchema(password, "shared_test"),
                List.of("--pg-shared-folder", shared)));

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(Files.readString(out.resolve("delta.md")).contains("Delta on a shared folder"));
    try (Stream<Path> sources = Files.list(shared.resolve("sources"));
        Stream<Path> artifacts = Files.list(shared.resolve("artifacts"))) {
      assertEquals(1, sources.count(), "the PDF is a file in the shared folder");
      assertEquals(1, artifacts.count(), "the Markdown is a file in the shared folder");
    }
  }

  /** The options that point a command at this test's server, as the password role, on a schema. */
  private static List<Object> onSchema(Path password, String schema) {
    return List.of(
        "--store",
        "postgres",
        "--jdbc-url",
        pg.jdbcUrl(),
        "--jdbc-user",
        EmbeddedPg.USER,
        "--jdbc-password-file",
        password,
        "--pg-schema",
        schema);
  }

  private static Object[] args(List<?>... parts) {
    List<Object> all = new ArrayList<>();
    for (List<?> part : parts) {
      all.addAll(part);
    }
    return all.toArray();
  }
}
