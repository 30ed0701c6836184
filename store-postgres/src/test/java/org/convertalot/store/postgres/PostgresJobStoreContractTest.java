package org.convertalot.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.lifecycle.AfterContainer;
import org.convertalot.core.store.JobStore;
import org.convertalot.testkit.JobStoreContract;
import org.convertalot.testkit.MutableClock;
import org.convertalot.testkit.StoreScope;
import org.junit.jupiter.api.AfterAll;

/**
 * The PostgreSQL store passes the store SPI's conformance suite unchanged: each test and each
 * property try gets a fresh schema named after its scope on one embedded server, and its own still
 * clock, which {@link #advanceTime} moves (the suite compares times the store wrote with {@code
 * now()}, so the database's running clock cannot serve here; {@code PostgresStoreTest} and the
 * cluster test cover that clock).
 */
class PostgresJobStoreContractTest extends JobStoreContract {
  private static EmbeddedPg server;
  private static HikariDataSource pool;

  private final Map<String, MutableClock> clocks = new ConcurrentHashMap<>();
  private MutableClock clock;

  /**
   * The class's server, started on first use (JUnit and jqwik each run their part of the class).
   */
  private static synchronized HikariDataSource pool() {
    if (pool == null) {
      server = EmbeddedPg.start();
      pool = server.pool(8);
    }
    return pool;
  }

  @AfterAll
  @AfterContainer
  static synchronized void stopServer() {
    if (pool != null) {
      pool.close();
      server.close();
      pool = null;
      server = null;
    }
  }

  @Override
  protected JobStore openStore(StoreScope scope) {
    return builder(scope).open();
  }

  /** The store of a scope: its schema, its still clock. */
  protected PostgresJobStore.Builder builder(StoreScope scope) {
    clock = clocks.computeIfAbsent(scope.id(), id -> MutableClock.atEpochDay());
    return PostgresJobStore.builder(pool()).schema(scope.id()).clock(clock);
  }

  @Override
  protected void advanceTime(Duration amount) {
    clock.advance(amount);
  }
}
