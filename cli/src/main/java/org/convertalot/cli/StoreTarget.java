package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.convertalot.core.store.JobStore;

/**
 * Where a command's jobs live, once its options are checked: a data root of the file store, or a
 * PostgreSQL schema. Nothing is opened until a command asks; every store it opens is closed by the
 * command, after the runtime on it.
 */
sealed interface StoreTarget permits FileStoreTarget, PostgresStoreTarget {
  /** The namespace the store carries. */
  String namespace();

  /** The data root of the file store, or {@code null} when the jobs live in a database. */
  Path dataRoot();

  /** What no output of the command may show. */
  Secrets secrets();

  /** Where the jobs are, for humans: the data root, or the schema and the redacted URL. */
  String describe();

  /** The summary line that names the store: {@code data root: …} or {@code store: …}. */
  String summaryLine();

  /** Adds where the jobs are to a JSON summary: {@code data_root}, or store, URL and schema. */
  void describeIn(ObjectNode json);

  /**
   * The store for a runtime that submits, converts or cancels.
   *
   * @param workers the runtime's worker threads, which size a database's connection pool
   */
  OpenedStore open(int workers);

  /** The store for a runtime that only reads ({@code status}, {@code export}). */
  OpenedStore openForReading();

  /** A store to look at directly ({@code verify}). */
  JobStore openStoreForReading();

  /** A store to change directly ({@code jobs prune}); the file store recovers the root first. */
  JobStore openStore();
}
