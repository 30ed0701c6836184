package org.convertalot.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobId;
import org.convertalot.api.Policy;
import org.convertalot.api.Warning;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine's warnings are kept with the result on PostgreSQL: they come back from a runtime opened
 * after the first one closed and the database itself restarted, and a result without warnings has
 * none.
 */
class PostgresWarningsTest {
  @TempDir Path dir;

  private static final Warning GARBLED =
      new Warning(Warning.GARBLED_TEXT_LAYER, "the text layer of page 1 is unreadable", List.of(1));

  private static ConvertALot.Builder runtime(JobStore store, NoopEngine engine) {
    return ConvertALot.builder().store(store).workers(1).serviceLoader(false).backend(engine);
  }

  private static ConversionRequest cpu(Path file) {
    return ConversionRequest.builder(file).policy(Policy.CPU_ONLY).build();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void warningsSurviveARestartOfTheRuntimeAndTheDatabase() throws Exception {
    Path data = dir.resolve("pgdata");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Files.createDirectories(dir.resolve("in"));
    Path garbled = TestPdf.write(dir.resolve("in/garbled.pdf"), "garbled");
    Path clean = TestPdf.write(dir.resolve("in/clean.pdf"), "clean");
    String schema = "warnings";
    JobId warned;
    JobId plain;
    EmbeddedPostgres server = EmbeddedPg.startKeeping(data, port);
    try {
      try (HikariDataSource pool = EmbeddedPg.pool(server.getJdbcUrl("postgres", "postgres"), 4);
          JobStore store = PostgresJobStore.builder(pool).schema(schema).open()) {
        try (ConversionRuntime rt =
            runtime(store, new NoopEngine(1, 0, name -> {}, List.of(GARBLED))).build()) {
          ConversionResult result = rt.convert(cpu(garbled));
          warned = result.jobId();
          assertEquals(List.of(GARBLED), result.warnings());
        }
        try (ConversionRuntime rt = runtime(store, new NoopEngine(1, 0, name -> {})).build()) {
          ConversionResult result = rt.convert(cpu(clean));
          plain = result.jobId();
          assertEquals(List.of(), result.warnings());
        }
      }
    } finally {
      server.close();
    }
    server = EmbeddedPg.startKeeping(data, port);
    try (HikariDataSource pool = EmbeddedPg.pool(server.getJdbcUrl("postgres", "postgres"), 4);
        JobStore store = PostgresJobStore.builder(pool).schema(schema).open();
        ConversionRuntime rt = runtime(store, new NoopEngine(1, 0, name -> {})).build()) {
      assertEquals(List.of(GARBLED), store.get(warned).warnings());
      assertEquals(List.of(GARBLED), rt.job(warned).warnings());
      assertEquals(List.of(GARBLED), rt.result(warned).warnings());
      assertEquals(List.of(), rt.result(plain).warnings());
    } finally {
      server.close();
    }
  }
}
