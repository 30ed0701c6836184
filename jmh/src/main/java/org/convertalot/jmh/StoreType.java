package org.convertalot.jmh;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.store.postgres.PostgresJobStore;

/**
 * The job stores a benchmark can run on, as a {@code @Param} ({@code -p store=FILE,POSTGRES}): each
 * constant opens a fresh store of its kind for one trial. Closing the store releases everything it
 * opened.
 */
public enum StoreType {
  /** The embedded file store, on a new data root in the trial's folder. */
  FILE {
    @Override
    JobStore open(Path dir) {
      return JobStores.openFileStore(dataRoot(dir), JobStores.DEFAULT_NAMESPACE, Clock.systemUTC());
    }
  },
  /**
   * The PostgreSQL store in schema {@code convertalot} of an embedded server started for the trial
   * with {@link BenchPostgres#SETTINGS}; closing the store closes its pool and stops the server.
   */
  POSTGRES {
    @Override
    JobStore open(Path dir) {
      BenchPostgres pg = BenchPostgres.start(Map.of());
      HikariDataSource pool = pg.pool(POOL, "convertalot-jmh-store");
      return PostgresJobStore.builder(pool)
          .schema("convertalot")
          .closing(
              () -> {
                try {
                  pool.close();
                } finally {
                  pg.close();
                }
              })
          .open();
    }
  };

  /** Connections of a PostgreSQL store: eight claimers, the runtime's threads and spares. */
  static final int POOL = 16;

  /**
   * Opens a fresh store of this kind.
   *
   * @param dir the trial's folder, for a file store's data root
   * @return the open store
   * @throws Exception when it cannot be opened
   */
  abstract JobStore open(Path dir) throws Exception;

  /**
   * The data root a {@link #FILE} store opens under the trial's folder.
   *
   * @param dir the trial's folder
   * @return the data root
   */
  static Path dataRoot(Path dir) {
    return dir.resolve("root");
  }
}
