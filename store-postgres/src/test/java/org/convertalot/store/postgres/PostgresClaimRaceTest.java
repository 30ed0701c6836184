package org.convertalot.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convertalot.core.store.JobStore;
import org.convertalot.testkit.ClaimRaceContract;
import org.convertalot.testkit.JobStoreFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Invariant O across processes on PostgreSQL: worker JVMs, each with its own small pool, race for
 * the same jobs in one schema of an embedded server, on the database's clock.
 */
class PostgresClaimRaceTest extends ClaimRaceContract {
  private static EmbeddedPg server;

  /** Opens the schema a JDBC URL names in its {@code currentSchema} parameter. */
  public static final class Factory implements JobStoreFactory {
    private static final Pattern SCHEMA = Pattern.compile("[?&]currentSchema=([a-z0-9_]+)");

    /** Creates the factory. */
    public Factory() {}

    @Override
    public JobStore open(String location) {
      Matcher m = SCHEMA.matcher(location);
      if (!m.find()) {
        throw new IllegalArgumentException("no currentSchema in " + location);
      }
      HikariDataSource pool = EmbeddedPg.pool(location, 5);
      return PostgresJobStore.builder(pool).schema(m.group(1)).closing(pool).open();
    }
  }

  @BeforeAll
  static void startServer() {
    server = EmbeddedPg.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected Class<? extends JobStoreFactory> storeFactory() {
    return Factory.class;
  }

  @Override
  protected String newStoreLocation() {
    String schema = "race_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return server.jdbcUrl() + "&currentSchema=" + schema;
  }
}
