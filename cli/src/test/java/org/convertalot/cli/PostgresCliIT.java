package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --store postgres} as operators run it: every command a separate process of the shaded jar
 * on one real PostgreSQL server, the password given through {@code CONVERTALOT_JDBC_PASSWORD} or
 * {@code --jdbc-password-file}. Every process's whole stdout and stderr (JSON, summaries, log
 * lines, errors, stack traces under {@code -v}) is checked for the password, also when the login
 * fails and when the server is down.
 */
class PostgresCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static EmbeddedPg pg;

  @TempDir Path dir;

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
  void submitCancelWorkExportStatusAndVerifyFromSeparateProcesses() throws Exception {
    Path quick = dir.resolve("quick");
    for (int i = 0; i < 4; i++) {
      TestPdf.write(quick.resolve("q" + i + ".pdf"), "quick " + i);
    }
    Path later = TestPdf.write(dir.resolve("later.pdf"), "canceled before it runs");
    Path passwordFile = passwordFile(pg.password());
    List<String> schema = List.of("--pg-schema", "queue_test");

    Run submit =
        run(
            envPassword(pg.password()),
            args(
                "submit",
                quick,
                "--policy",
                "cpu_only",
                "--engine",
                "noop",
                "--json",
                schema,
                pgArgs(pg.jdbcUrl())));
    assertEquals(0, submit.exit(), submit.toString());
    JsonNode submitted = JSON.readTree(submit.out());
    assertEquals(4, submitted.get("created").asInt());
    assertEquals("postgres", submitted.get("store").asText());
    assertEquals("queue_test", submitted.get("schema").asText());
    assertEquals(pg.jdbcUrl(), submitted.get("jdbc_url").asText());
    assertFalse(submitted.has("data_root"), submit.out());

    Run submitLater =
        run(
            Map.of(),
            args(
                "submit",
                later,
                "--engine",
                "noop",
                "--policy",
                "cpu_only",
                "--jdbc-password-file",
                passwordFile,
                schema,
                pgArgs(pg.jdbcUrl())));
    assertEquals(0, submitLater.exit(), submitLater.toString());
    String laterId = submitLater.out().strip().split("\\s+")[0];
    assertTrue(submitLater.out().contains("to postgres schema queue_test on " + pg.jdbcUrl()));

    Run cancel =
        run(envPassword(pg.password()), args("cancel", laterId, schema, pgArgs(pg.jdbcUrl())));
    assertEquals(0, cancel.exit(), cancel.toString());
    assertTrue(cancel.out().contains(laterId + " CANCELED"), cancel.toString());

    // The workers' machines do not have the submitted files: they convert the stored bytes.
    try (Stream<Path> files = Files.list(quick)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(quick);

    // Two worker processes drain the schema together, one told the password by each means.
    Processes.Started first =
        start(
            envPassword(pg.password()),
            args("-v", "worker", "--until-idle", "--workers", 2, schema, pgArgs(pg.jdbcUrl())));
    Processes.Started second =
        start(
            Map.of(),
            args(
                "worker",
                "--until-idle",
                "--workers",
                2,
                "--jdbc-password-file",
                passwordFile,
                schema,
                pgArgs(pg.jdbcUrl())));
    Run firstRun = finish(first);
    Run secondRun = finish(second);
    assertEquals(0, firstRun.exit(), firstRun.toString());
    assertEquals(0, secondRun.exit(), secondRun.toString());

    Path out = dir.resolve("out");
    Run export =
        run(envPassword(pg.password()), args("export", "--out", out, schema, pgArgs(pg.jdbcUrl())));
    assertEquals(0, export.exit(), export.toString());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(4, files.count());
    }
    assertEquals("# noop q1.pdf\n", Files.readString(out.resolve("q1.md")));

    Run status =
        run(envPassword(pg.password()), args("status", "--json", schema, pgArgs(pg.jdbcUrl())));
    assertEquals(0, status.exit(), status.toString());
    JsonNode snapshot = JSON.readTree(status.out());
    assertEquals("postgres:queue_test", snapshot.get("store").asText());
    JsonNode counts = snapshot.get("counts");
    assertEquals(4, counts.get("succeeded").asInt(), status.out());
    assertEquals(1, counts.get("canceled").asInt(), status.out());
    assertEquals(0, counts.get("queued").asInt(), status.out());
    assertEquals(0, counts.get("running").asInt(), status.out());

    Run verify =
        run(
            Map.of(),
            args(
                "-v",
                "verify",
                "--jdbc-password-file",
                passwordFile,
                schema,
                pgArgs(pg.jdbcUrl())));
    assertEquals(0, verify.exit(), verify.toString());
    assertTrue(verify.out().contains("verified 5 jobs, 4 artifacts: OK"), verify.toString());

    // The jobs commands on the schema: the canceled job is listed, retried and pruned.
    Run canceled =
        run(
            envPassword(pg.password()),
            args("jobs", "list", "--state", "canceled", "--json", schema, pgArgs(pg.jdbcUrl())));
    assertEquals(0, canceled.exit(), canceled.toString());
    JsonNode canceledJobs = JSON.readTree(canceled.out());
    assertEquals(1, canceledJobs.get("count").asInt(), canceled.out());
    assertEquals(laterId, canceledJobs.get("jobs").get(0).get("id").asText(), canceled.out());
    Run show =
        run(
            envPassword(pg.password()),
            args("jobs", "show", laterId, schema, pgArgs(pg.jdbcUrl())));
    assertEquals(0, show.exit(), show.toString());
    assertTrue(show.out().contains("state: CANCELED"), show.toString());
    Run retry =
        run(
            envPassword(pg.password()),
            args("jobs", "retry", laterId, "--json", schema, pgArgs(pg.jdbcUrl())));
    assertEquals(0, retry.exit(), retry.toString());
    assertTrue(JSON.readTree(retry.out()).get("jobs").get(0).get("created").asBoolean());
    Run prune =
        run(
            envPassword(pg.password()),
            args(
                "jobs",
                "prune",
                "--older-than",
                "0s",
                "--state",
                "canceled",
                "--json",
                schema,
                pgArgs(pg.jdbcUrl())));
    assertEquals(0, prune.exit(), prune.toString());
    assertEquals(1, JSON.readTree(prune.out()).get("pruned").asInt(), prune.out());
    Run left =
        run(
            envPassword(pg.password()),
            args("jobs", "list", "--json", schema, pgArgs(pg.jdbcUrl())));
    assertEquals(0, left.exit(), left.toString());
    List<String> states = new java.util.ArrayList<>();
    JSON.readTree(left.out()).get("jobs").forEach(j -> states.add(j.get("state").asText()));
    assertEquals(
        List.of("QUEUED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"), states, left.out());
  }

  /**
   * The README's example, line by line: its variables set to this server, its paths to this test's
   * folders.
   */
  @Test
  void theReadmeExampleRuns() throws Exception {
    Path module = Path.of(System.getProperty("convertalot.module.dir", "."));
    String readme = Files.readString(module.resolve("../README.md"));
    int section = readme.indexOf("## Scale-out on PostgreSQL");
    int open = readme.indexOf("```sh\n", section) + "```sh\n".length();
    List<String> lines = List.of(readme.substring(open, readme.indexOf("```", open)).split("\n"));
    Path pdfs = dir.resolve("pdfs");
    TestPdf.write(pdfs.resolve("readme.pdf"), "From the README");
    Path out = dir.resolve("readme-out");
    Map<String, String> env = new java.util.HashMap<>();
    List<String> commands = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("export ")) {
        String name = line.substring("export ".length(), line.indexOf('='));
        env.put(
            name,
            switch (name) {
              case StoreOptions.URL_ENV -> pg.jdbcUrl();
              case StoreOptions.USER_ENV -> EmbeddedPg.USER;
              case StoreOptions.PASSWORD_ENV -> pg.password();
              default -> throw new AssertionError("unknown variable in the README: " + line);
            });
      } else {
        String prefix = "java -jar cli/target/convertalot.jar ";
        assertTrue(line.startsWith(prefix), "not a CLI command: " + line);
        commands.add(line.substring(prefix.length()));
      }
    }
    assertEquals(5, commands.size(), lines.toString());
    for (String command : commands) {
      List<Object> args = new ArrayList<>();
      for (String word : command.split(" +")) {
        args.add(
            switch (word) {
              case "path/to/pdfs" -> pdfs;
              case "out" -> out;
              default -> word;
            });
      }
      Run r = run(env, args.toArray());
      assertEquals(0, r.exit(), command + ": " + r);
    }
    assertTrue(Files.readString(out.resolve("readme.md")).contains("From the README"));
  }

  @Test
  void passwordsWrittenInTheUrlAreNeverPrinted() throws Exception {
    String userInfo =
        pg.jdbcUrl().replace("//", "//" + EmbeddedPg.USER + ":" + pg.password() + "@");
    String parameter =
        pg.jdbcUrl() + "?user=" + EmbeddedPg.USER + "&password=" + pg.password() + "&ssl=false";
    Path pdf = TestPdf.write(dir.resolve("in-url.pdf"), "in the url");
    for (String url : List.of(userInfo, parameter)) {
      List<String> schema = List.of("--pg-schema", "url_test");
      Run submit =
          run(
              Map.of(),
              args(
                  "submit",
                  pdf,
                  "--engine",
                  "noop",
                  "--policy",
                  "cpu_only",
                  "--json",
                  schema,
                  "--store",
                  "postgres",
                  "--jdbc-url",
                  url));
      assertEquals(0, submit.exit(), submit.toString());
      assertTrue(
          JSON.readTree(submit.out()).get("jdbc_url").asText().contains(JdbcUrl.MASK),
          submit.out());
      Run status =
          run(Map.of(), args("-v", "status", schema, "--store", "postgres", "--jdbc-url", url));
      assertEquals(0, status.exit(), status.toString());
    }
  }

  @Test
  void aWrongPasswordIsStoreUnavailableAndNoPasswordIsPrinted() throws Exception {
    String wrong = "Wrong-pw-" + UUID.randomUUID().toString().replace("-", "");
    Path wrongFile = passwordFile(wrong);
    Path docs = dir.resolve("docs");
    TestPdf.write(docs.resolve("a.pdf"), "a");
    List<Run> runs = new ArrayList<>();
    runs.addAll(
        runEvery(docs, wrong, c -> start(envPassword(wrong), args(c, pgArgs(pg.jdbcUrl())))));
    runs.addAll(
        runEvery(
            docs,
            wrong,
            c ->
                start(
                    Map.of(),
                    args("-v", c, "--jdbc-password-file", wrongFile, pgArgs(pg.jdbcUrl())))));
    for (Run r : runs) {
      assertEquals(1, r.exit(), r.toString());
      assertTrue(r.err().contains("error: store_unavailable: "), r.toString());
      assertTrue(r.err().contains("(authentication_failed)"), r.toString());
      assertTrue(r.err().contains("password authentication failed"), r.toString());
    }
    assertFalse(Files.exists(dir.resolve("out").resolve(".convertalot")), "no data root created");
  }

  @Test
  void aStoppedServerIsStoreUnavailableAndNoPasswordIsPrinted() throws Exception {
    String url;
    String password;
    try (EmbeddedPg stopped = EmbeddedPg.start()) {
      url = stopped.jdbcUrl();
      password = stopped.password();
    }
    Path passwordFile = passwordFile(password);
    Path docs = dir.resolve("docs");
    TestPdf.write(docs.resolve("a.pdf"), "a");
    String userInfo = url.replace("//", "//" + EmbeddedPg.USER + ":" + password + "@");
    List<Run> runs = new ArrayList<>();
    runs.addAll(
        runEvery(docs, password, c -> start(envPassword(password), args("-v", c, pgArgs(url)))));
    runs.addAll(
        runEvery(
            docs,
            password,
            c -> start(Map.of(), args(c, "--jdbc-password-file", passwordFile, pgArgs(url)))));
    runs.addAll(
        runEvery(
            docs,
            password,
            c -> start(Map.of(), args("-v", c, "--store", "postgres", "--jdbc-url", userInfo))));
    for (Run r : runs) {
      assertEquals(1, r.exit(), r.toString());
      assertTrue(r.err().contains("error: store_unavailable: "), r.toString());
      assertTrue(r.err().contains("(connection_lost"), r.toString());
      assertTrue(r.err().contains("refused"), r.toString());
    }
  }

  /** A way to start a command. */
  private interface Starter {
    Processes.Started start(List<Object> command) throws IOException;
  }

  /** Runs every command at once, started one way, and waits for all of them. */
  private List<Run> runEvery(Path docs, String password, Starter starter)
      throws IOException, InterruptedException {
    List<Processes.Started> started = new ArrayList<>();
    for (List<Object> command : everyCommand(docs)) {
      started.add(starter.start(command));
    }
    List<Run> runs = new ArrayList<>();
    for (Processes.Started p : started) {
      runs.add(finish(p, password));
    }
    return runs;
  }

  /** Every command that opens the store, with what it needs besides the store's options. */
  private List<List<Object>> everyCommand(Path docs) {
    Path out = dir.resolve("out");
    List<Object> schema = List.of("--pg-schema", "failing");
    return List.of(
        List.of("convert", docs, "--out", out, "--policy", "cpu_only", schema),
        List.of("submit", docs, "--policy", "cpu_only", schema),
        List.of("worker", "--until-idle", schema),
        List.of("status", "--json", schema),
        List.of("verify", schema),
        List.of("export", "--out", dir.resolve("exported"), schema),
        List.of("cancel", "0".repeat(26), schema));
  }

  // ------------------------------------------------------------------ running the CLI

  /** What a finished process printed, already checked for the password. */
  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private static List<Object> pgArgs(String url) {
    return List.of("--store", "postgres", "--jdbc-url", url, "--jdbc-user", EmbeddedPg.USER);
  }

  private static Map<String, String> envPassword(String password) {
    return Map.of(StoreOptions.PASSWORD_ENV, password);
  }

  /** Flattens lists into one argument list. */
  private static Object[] args(Object... parts) {
    List<Object> flat = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof List<?> list) {
        list.forEach(p -> flat.addAll(List.of(args(p))));
      } else {
        flat.add(part);
      }
    }
    return flat.toArray();
  }

  private Path passwordFile(String password) throws IOException {
    Path file = Files.createTempFile(dir, "pgpass", ".txt");
    Files.writeString(file, password + "\n");
    return file;
  }

  private Processes.Started start(Map<String, String> env, Object... args) throws IOException {
    return Processes.cli(dir.resolve("logs"), env, args);
  }

  private Run run(Map<String, String> env, Object... args)
      throws IOException, InterruptedException {
    return finish(start(env, args));
  }

  private static Run finish(Processes.Started p) throws IOException, InterruptedException {
    return finish(p, pg.password());
  }

  /** Waits for the process and asserts that its output shows none of the passwords. */
  private static Run finish(Processes.Started p, String... passwords)
      throws IOException, InterruptedException {
    int exit = p.await(3);
    Run r = new Run(exit, p.out(), p.err());
    List<String> secrets = new ArrayList<>(List.of(passwords));
    secrets.add(pg.password());
    for (String secret : secrets) {
      assertFalse(r.out().contains(secret), "password on stdout:\n" + r);
      assertFalse(r.err().contains(secret), "password on stderr:\n" + r);
    }
    return r;
  }
}
