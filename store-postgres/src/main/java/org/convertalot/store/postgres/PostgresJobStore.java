package org.convertalot.store.postgres;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.store.postgres.internal.PgJobStore;

/**
 * A {@link JobStore} kept in one PostgreSQL schema, shared safely by any number of threads,
 * processes and machines. The store creates and migrates its schema when it opens (several JVMs may
 * open it at once); it decides every transition with {@link
 * org.convertalot.core.store.JobTransitions} on the row it locked, and takes every time from the
 * database's clock unless a clock is given. It passes {@code JobStoreContract} and {@code
 * ClaimRaceContract} of the test kit.
 *
 * <pre>{@code
 * try (JobStore store = PostgresJobStore.builder(dataSource).schema("convertalot").open()) {
 *   store.submit(job);
 * }
 * }</pre>
 *
 * <p>The data source is the caller's: a pool (HikariCP) with the PostgreSQL driver; the store
 * borrows one connection per transition and never closes the data source.
 */
public interface PostgresJobStore extends JobStore {
  /**
   * Starts opening a store.
   *
   * @param dataSource where the store's connections come from
   * @return a builder with schema {@value Builder#DEFAULT_SCHEMA} and the default namespace
   */
  static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * The schema the store keeps its tables in.
   *
   * @return the schema's name
   */
  String schema();

  /**
   * Checks a schema's name: lower-case letters, digits and underscores, starting with a letter or
   * underscore, at most 63 characters, not starting with {@code pg_}, so that it needs no quoting.
   *
   * @param schema the name
   * @return the name
   * @throws IllegalArgumentException when the store does not accept it
   */
  static String checkSchema(String schema) {
    return PgJobStore.checkSchema(schema);
  }

  /**
   * How many jobs (and how many unreferenced sources) one transaction of {@link #purge} removes.
   */
  int PURGE_BATCH_SIZE = 500;

  /**
   * Removes ended jobs (SUCCEEDED, FAILED, CANCELED) last updated more than {@code olderThan} ago
   * on the database's clock, with their artifacts, then the stored sources no job references any
   * more; in transactions of at most {@value #PURGE_BATCH_SIZE} rows, so that a purge of millions
   * of rows holds no long lock and other processes go on meanwhile. A purged SUCCEEDED job no
   * longer holds its idempotency key: submitting the key again creates a new job.
   *
   * @param olderThan the age, zero or more
   * @return how many jobs were removed
   * @throws IllegalArgumentException when the age is negative
   * @throws org.convertalot.api.error.StoreUnavailableException when the database cannot be
   *     reached; the batches already committed stay removed
   */
  long purge(Duration olderThan);

  /** Opens a {@link PostgresJobStore}; not thread-safe, use one per open. */
  final class Builder {
    /** The schema a builder names unless told otherwise. */
    public static final String DEFAULT_SCHEMA = "convertalot";

    private final DataSource dataSource;
    private String schema = DEFAULT_SCHEMA;
    private String namespace = JobStores.DEFAULT_NAMESPACE;
    private Clock clock;
    private Supplier<Duration> clockOffset = () -> Duration.ZERO;
    private AutoCloseable closing;
    private Path sharedFolder;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The schema to keep the tables in, created when absent.
     *
     * @param schema lower-case letters, digits and underscores, starting with a letter or
     *     underscore, at most 63 characters
     * @return this builder
     * @throws IllegalArgumentException when the name is not one {@link
     *     PostgresJobStore#checkSchema} accepts
     */
    public Builder schema(String schema) {
      this.schema = PostgresJobStore.checkSchema(Objects.requireNonNull(schema, "schema"));
      return this;
    }

    /**
     * The namespace the schema carries: a schema created under another one is refused with {@code
     * data_root_conflict}.
     *
     * @param namespace the namespace
     * @return this builder
     */
    public Builder namespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    /**
     * A clock to take every time from instead of the database's {@code clock_timestamp()}. For
     * tests that need a still clock; in production every process sharing a schema must use the
     * database's clock, so that they agree on time.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * A shift added to every time the store reads, asked anew each time: tests move the store's
     * time forward with it. Zero unless set.
     *
     * @param offset the shift's supplier
     * @return this builder
     */
    public Builder clockOffset(Supplier<Duration> offset) {
      this.clockOffset = Objects.requireNonNull(offset, "offset");
      return this;
    }

    /**
     * Something the store closes when it closes, for a store that owns its pool. Unless set, the
     * store closes nothing: the data source stays the caller's.
     *
     * @param resource for example the connection pool behind the data source
     * @return this builder
     */
    public Builder closing(AutoCloseable resource) {
      this.closing = Objects.requireNonNull(resource, "resource");
      return this;
    }

    /**
     * Keeps sources and artifacts as files in a folder every worker mounts (NFS, SMB) instead of in
     * the database, which then holds only the rows. Files are written durably under fresh names
     * before the transaction that names them commits, read back through the same hash checks, and
     * removed by {@link PostgresJobStore#purge} once no row names them and they are an hour old.
     * Every store on the schema should name the same folder: a store opened without it cannot read
     * the files ({@code configuration_error}). Unless set, the bytes go into the database.
     *
     * @param folder the shared folder, created when absent
     * @return this builder
     */
    public Builder sharedFolder(Path folder) {
      this.sharedFolder = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /**
     * Creates or migrates the schema and opens the store.
     *
     * @return the open store
     * @throws org.convertalot.api.error.DataRootConflictException when the schema carries another
     *     namespace or was written by a newer version
     * @throws org.convertalot.api.error.StoreUnavailableException when the database cannot be
     *     reached or refuses the migration
     */
    public PostgresJobStore open() {
      return PgJobStore.open(
          dataSource, schema, namespace, clock, clockOffset, closing, sharedFolder);
    }
  }
}
