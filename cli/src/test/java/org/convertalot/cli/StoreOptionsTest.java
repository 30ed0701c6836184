package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store options without a database: each bad combination is a usage error (exit 2) that says
 * what is wrong, opens nothing, creates nothing and shows no password; every command that opens a
 * store lists the options in its help.
 */
class StoreOptionsTest {
  private static final String SECRET = "Hunter2-secret";
  private static final String URL = "jdbc:postgresql://db.example:5432/jobs";

  @TempDir Path work;
  Path docs;
  Path out;
  Path root;

  @BeforeEach
  void pdfs() {
    docs = work.resolve("docs");
    TestPdf.write(docs.resolve("a.pdf"), "A");
    out = work.resolve("out");
    root = work.resolve("root");
  }

  private CliRunner.Result usageError(Object... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.out().isEmpty(), "nothing on stdout: " + r);
    assertFalse(r.err().contains(SECRET), "no password: " + r);
    assertFalse(Files.exists(out), "nothing converted: " + r);
    assertFalse(Files.exists(root), "no data root: " + r);
    return r;
  }

  @Test
  void postgresWithoutAUrlIsAUsageError() {
    assumeTrue(System.getenv(StoreOptions.URL_ENV) == null, "the environment names a database");
    for (List<Object> command : commands()) {
      CliRunner.Result r = usageError(args(command, "--store", "postgres"));
      assertTrue(r.err().contains("--store postgres needs --jdbc-url URL"), r.toString());
    }
  }

  @Test
  void postgresOptionsWithTheFileStoreAreUsageErrors() {
    CliRunner.Result r =
        usageError("status", "--data-root", root, "--jdbc-url", URL + "?password=" + SECRET);
    assertTrue(r.err().contains("--jdbc-url needs --store postgres"), r.toString());
    r =
        usageError(
            "convert",
            docs,
            "--out",
            out,
            "--store",
            "file",
            "--pg-schema",
            "s",
            "--jdbc-user",
            "u");
    assertTrue(r.err().contains("--jdbc-user, --pg-schema need --store postgres"), r.toString());
    r = usageError("worker", "--data-root", root, "--jdbc-password-file", work.resolve("pw"));
    assertTrue(r.err().contains("--jdbc-password-file needs --store postgres"), r.toString());
  }

  @Test
  void aDataRootWithPostgresIsAUsageError() {
    for (List<Object> command : commands()) {
      CliRunner.Result r =
          usageError(args(command, "--store", "postgres", "--jdbc-url", URL, "--data-root", root));
      assertTrue(r.err().contains("--data-root is for --store file"), r.toString());
    }
  }

  @Test
  void theFileStoreStillNeedsItsDataRoot() {
    for (String command : List.of("submit", "worker", "status", "verify", "export", "cancel")) {
      List<Object> args =
          switch (command) {
            case "submit" -> List.of(command, docs);
            case "export" -> List.of(command, "--out", out);
            case "cancel" -> List.of(command, "0".repeat(26));
            default -> List.of(command);
          };
      CliRunner.Result r = usageError(args.toArray());
      assertTrue(r.err().contains("Missing required option: '--data-root=DIR'"), r.toString());
    }
  }

  @Test
  void aUrlOfAnotherDatabaseIsAUsageErrorAndStaysRedacted() {
    CliRunner.Result r =
        usageError(
            "status",
            "--store",
            "postgres",
            "--jdbc-url",
            "jdbc:mysql://bob:" + SECRET + "@db/x?password=" + SECRET);
    assertTrue(r.err().contains("--jdbc-url must start with jdbc:postgresql:"), r.toString());
    assertTrue(r.err().contains("jdbc:mysql://bob:***@db/x?password=***"), r.toString());
  }

  @Test
  void aPasswordInTheUrlOnTheCommandLineIsWarnedAbout() {
    for (List<Object> command : commands()) {
      CliRunner.Result r =
          usageError(
              args(
                  command,
                  "--store",
                  "postgres",
                  "--jdbc-url",
                  URL + "?password=" + SECRET,
                  "--pg-schema",
                  "Bad-Schema"));
      assertTrue(
          r.err().contains("warning: the password in --jdbc-url is visible to every user"),
          r.toString());
    }
  }

  @Test
  void badStoreKindSchemaAndPasswordFileAreUsageErrors() throws IOException {
    CliRunner.Result r = usageError("status", "--store", "mysql", "--data-root", root);
    assertTrue(r.err().contains("expected one of file, postgres but was 'mysql'"), r.toString());
    List<Object> pg = List.of("status", "--store", "postgres", "--jdbc-url", URL);
    r = usageError(args(pg, "--pg-schema", "Jobs-2024"));
    assertTrue(r.err().contains("--pg-schema: schema must match"), r.toString());
    r = usageError("status", "--data-root", root, "--pg-shared-folder", work.resolve("shared"));
    assertTrue(r.err().contains("--pg-shared-folder needs --store postgres"), r.toString());
    r = usageError(args(pg, "--pg-schema", "pg_jobs"));
    assertTrue(r.err().contains("not start with pg_"), r.toString());
    r = usageError(args(pg, "--jdbc-password-file", work.resolve("missing.txt")));
    assertTrue(r.err().contains("cannot read --jdbc-password-file"), r.toString());
    Path empty = Files.writeString(work.resolve("empty.txt"), "\n" + SECRET + "\n");
    r = usageError(args(pg, "--jdbc-password-file", empty));
    assertTrue(r.err().contains("has an empty first line"), r.toString());
    r = usageError(args(pg, "--namespace", "Not A Namespace"));
    assertTrue(r.err().contains("--namespace"), r.toString());
  }

  @Test
  void everyStoreCommandListsTheStoreOptions() {
    for (List<Object> command : commands()) {
      CliRunner.Result help = CliRunner.run(command.get(0), "--help");
      assertEquals(0, help.exitCode(), help.toString());
      // Help wraps lines at word boundaries; compare words.
      String text = help.out().replaceAll("\\s+", " ");
      for (String option :
          List.of(
              "--store=KIND",
              "--jdbc-url=URL",
              "--jdbc-user=USER",
              "--jdbc-password-file=FILE",
              "--pg-schema=NAME",
              "--namespace=NS",
              "--data-root=DIR",
              "workers + 4",
              StoreOptions.URL_ENV,
              StoreOptions.USER_ENV,
              StoreOptions.PASSWORD_ENV)) {
        assertTrue(text.contains(option), command.get(0) + " --help lacks " + option);
      }
      assertFalse(text.contains("--jdbc-password="), "no password option");
    }
  }

  /** Every command that opens a store, with what it needs besides the store's options. */
  private List<List<Object>> commands() {
    return List.of(
        List.of("convert", docs, "--out", out),
        List.of("submit", docs),
        List.of("worker"),
        List.of("status"),
        List.of("verify"),
        List.of("export", "--out", out),
        List.of("cancel", "0".repeat(26)));
  }

  private static Object[] args(List<Object> command, Object... more) {
    Object[] all = command.toArray(new Object[command.size() + more.length]);
    System.arraycopy(more, 0, all, command.size(), more.length);
    return all;
  }
}
