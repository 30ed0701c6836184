package org.convertalot.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;

/**
 * One worker JVM of {@link PgCluster}: a {@link ConvertALot} runtime on a {@link PostgresJobStore}
 * (the database's clock), with a {@link NoopEngine} and no service loading.
 *
 * <p>Arguments: workers, heartbeat ms, staleAfter ms, reaper interval ms, the engine's delay ms,
 * and the shift of the runtime's own clock in minutes. On stdin: the JDBC URL (with {@code
 * currentSchema}), then {@code go} to start claiming (the runtime starts paused), then any line or
 * the end of input to stop. On stdout: {@value #READY} and the pid once the runtime runs, {@value
 * #CONVERTED} and the source's name for each conversion the engine starts, {@value #CLOSED} after
 * the runtime closed.
 */
final class PgWorkerJvm {
  static final String PREFIX = "pg-worker:";
  static final String READY = PREFIX + "ready";
  static final String CONVERTED = PREFIX + "converted";
  static final String CLOSED = PREFIX + "closed";

  private PgWorkerJvm() {}

  public static void main(String[] args) throws Exception {
    int workers = Integer.parseInt(args[0]);
    Duration heartbeat = Duration.ofMillis(Long.parseLong(args[1]));
    Duration staleAfter = Duration.ofMillis(Long.parseLong(args[2]));
    Duration reaper = Duration.ofMillis(Long.parseLong(args[3]));
    long delay = Long.parseLong(args[4]);
    Duration shift = Duration.ofMinutes(Long.parseLong(args[5]));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String url = in.readLine();
    String schema = url.replaceAll(".*[?&]currentSchema=([a-z0-9_]+).*", "$1");
    HikariDataSource pool = EmbeddedPg.pool(url, workers + 4);
    // The store keeps the database's clock; only the runtime's own clock is shifted.
    JobStore store = PostgresJobStore.builder(pool).schema(schema).closing(pool).open();
    NoopEngine engine =
        new NoopEngine(
            workers,
            delay,
            name -> {
              synchronized (System.out) {
                System.out.println(CONVERTED + " " + name);
                System.out.flush();
              }
            });
    try (ConversionRuntime runtime =
        ConvertALot.builder()
            .store(store)
            .clock(Clock.offset(Clock.systemUTC(), shift))
            .workers(workers)
            .serviceLoader(false)
            .backend(engine)
            .heartbeatInterval(heartbeat)
            .staleAfter(staleAfter)
            .reaperInterval(reaper)
            .pollInterval(Duration.ofMillis(50))
            .retryBackoff(Duration.ZERO, Duration.ZERO)
            .shutdownTimeout(Duration.ofSeconds(10))
            .build()) {
      // Paused until the parent says go, so that every JVM of a cluster starts claiming at once.
      runtime.pause();
      synchronized (System.out) {
        System.out.println(READY + " " + ProcessHandle.current().pid());
        System.out.flush();
      }
      if ("go".equals(in.readLine())) {
        runtime.resume();
        in.readLine();
      }
    } finally {
      store.close();
    }
    System.out.println(CLOSED);
    System.out.flush();
    System.exit(0);
  }
}
