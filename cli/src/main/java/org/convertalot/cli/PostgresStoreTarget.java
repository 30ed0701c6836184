package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.convertalot.core.store.JobStore;
import org.convertalot.store.postgres.PostgresJobStore;

/**
 * A PostgreSQL schema that processes on many machines share. This is the one place the CLI opens a
 * database: a HikariCP pool sized for the command, handed to the store, which closes it.
 */
final class PostgresStoreTarget implements StoreTarget {
  /** How long a command waits for a connection: a dead database fails in seconds. */
  static final int CONNECT_TIMEOUT_SECONDS = 5;

  /**
   * Connections beyond the workers: the heartbeat thread, the reaper, the listener that wakes idle
   * workers, the command's own calls.
   */
  static final int EXTRA_CONNECTIONS = 4;

  private static final String POOL_NAME = "convertalot-pg";

  private final JdbcUrl url;
  private final String user;
  private final String password;
  private final String schema;
  private final String namespace;
  private final Path sharedFolder;
  private final Secrets secrets;

  PostgresStoreTarget(
      JdbcUrl url,
      String user,
      String password,
      String schema,
      String namespace,
      Path sharedFolder,
      Secrets secrets) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.schema = schema;
    this.namespace = namespace;
    this.sharedFolder = sharedFolder;
    this.secrets = secrets;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Path dataRoot() {
    return null;
  }

  @Override
  public Secrets secrets() {
    return secrets;
  }

  @Override
  public String describe() {
    return "postgres schema " + schema + " on " + url;
  }

  @Override
  public String summaryLine() {
    return "store: " + describe();
  }

  @Override
  public void describeIn(ObjectNode json) {
    json.put("store", "postgres");
    json.put("jdbc_url", url.toString());
    json.put("schema", schema);
  }

  @Override
  public OpenedStore open(int workers) {
    return OpenedStore.of(openStore(workers + EXTRA_CONNECTIONS), namespace, true);
  }

  @Override
  public OpenedStore openForReading() {
    return open(0);
  }

  @Override
  public JobStore openStoreForReading() {
    return openStore(EXTRA_CONNECTIONS);
  }

  @Override
  public JobStore openStore() {
    return openStore(EXTRA_CONNECTIONS);
  }

  /**
   * Creates (or migrates) the schema and opens the store on a new pool. A database that cannot be
   * reached, or refuses the login, is the store's {@code store_unavailable}: the pool starts on the
   * store's first transaction and, failing its first connection, hands the store the driver's own
   * error ("password authentication failed", "connection refused"), which names the reason.
   */
  private PostgresJobStore openStore(int connections) {
    // Created empty, the pool starts on the first connection asked of it; a failure there is
    // thrown as the driver's SQLException, not wrapped in a pool error.
    HikariDataSource pool = new HikariDataSource();
    // A fixed name: Hikari's default names count pools, and no name may carry the URL.
    pool.setPoolName(POOL_NAME);
    pool.setJdbcUrl(url.driverUrl());
    if (user != null) {
      pool.setUsername(user);
    }
    if (password != null) {
      pool.setPassword(password);
    }
    pool.setMaximumPoolSize(connections);
    pool.setMinimumIdle(1);
    // One attempt at start: a wrong password or a dead server fails at once, not after retries.
    pool.setInitializationFailTimeout(1);
    pool.setConnectionTimeout(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS));
    // The driver's own limits, unless the URL sets them: connecting and logging in.
    pool.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    pool.addDataSourceProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    pool.addDataSourceProperty("ApplicationName", "convertalot");
    try {
      PostgresJobStore.Builder builder =
          PostgresJobStore.builder(pool).schema(schema).namespace(namespace).closing(pool);
      if (sharedFolder != null) {
        builder.sharedFolder(sharedFolder.toAbsolutePath().normalize());
      }
      return builder.open();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }
}
