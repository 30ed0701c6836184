package org.convertalot.store.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.convertalot.api.error.DataRootConflictException;

/**
 * The store's schema, created and migrated by the store itself when it opens.
 *
 * <p>Guarantees: migrations are numbered and each runs once, recorded in {@code schema_version} in
 * the same transaction as its DDL; every open takes one transaction-scoped advisory lock first, so
 * any number of JVMs opening the same schema at once migrate it exactly once and the others wait
 * and find it current; a schema written by a newer version of the store, or carrying another
 * namespace, is refused ({@code data_root_conflict}) and left as it is. The invariants the schema
 * can state are constraints: the state set, Q (a QUEUED row holds no run and has an attempt left),
 * R (a RUNNING row holds run id, owner, start and heartbeat), S (a manifest exactly when
 * SUCCEEDED), the attempt bounds, and one live job per idempotency key; a job's stored source
 * cannot be deleted while the job exists (a foreign key), so a purge never takes a source from a
 * live job.
 */
final class Schema {
  /** The version this code writes and reads. */
  static final int VERSION = 2;

  /** Advisory lock key (first half) of every migration; the second half is the schema's hash. */
  private static final int MIGRATION_LOCK = 0x43414c4d; // "CALM"

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private Schema() {}

  /**
   * Checks a schema name: lower-case letters, digits and underscores, starting with a letter or
   * underscore, at most 63 characters, so that it needs no quoting.
   */
  static String checkName(String schema) {
    if (schema == null || !NAME.matcher(schema).matches() || schema.startsWith("pg_")) {
      throw new IllegalArgumentException(
          "schema must match [a-z_][a-z0-9_]{0,62} and not start with pg_: " + schema);
    }
    return schema;
  }

  /** The DDL of each version, in order: index 0 is version 1. */
  private static List<List<String>> migrations(String s) {
    return List.of(
        List.of(
            "CREATE SEQUENCE " + s + ".job_seq START 1",
            "CREATE TABLE "
                + s
                + ".store_info ("
                + " singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),"
                + " namespace text NOT NULL,"
                + " created_at timestamptz NOT NULL DEFAULT clock_timestamp())",
            "CREATE TABLE "
                + s
                + ".jobs ("
                + " id text PRIMARY KEY,"
                + " seq bigint NOT NULL UNIQUE,"
                + " state text NOT NULL"
                + "  CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED')),"
                + " idem_key text NOT NULL,"
                + " not_before timestamptz,"
                + " run_id text,"
                + " owner text,"
                + " started_at timestamptz,"
                + " heartbeat_at timestamptz,"
                + " stale_after_ms bigint,"
                + " attempt integer NOT NULL,"
                + " max_attempts integer NOT NULL,"
                + " cancel_requested boolean NOT NULL,"
                + " manifest_sha256 text,"
                + " source_sha256 text NOT NULL,"
                + " updated_at timestamptz NOT NULL,"
                + " record text NOT NULL,"
                + " CONSTRAINT q_queued_holds_no_run CHECK (state <> 'QUEUED' OR (run_id IS NULL"
                + "  AND owner IS NULL AND started_at IS NULL AND heartbeat_at IS NULL"
                + "  AND attempt < max_attempts)),"
                + " CONSTRAINT r_running_is_owned CHECK (state <> 'RUNNING' OR (run_id IS NOT NULL"
                + "  AND owner IS NOT NULL AND started_at IS NOT NULL AND heartbeat_at IS NOT NULL)),"
                + " CONSTRAINT s_manifest_when_succeeded"
                + "  CHECK ((state = 'SUCCEEDED') = (manifest_sha256 IS NOT NULL)),"
                + " CONSTRAINT attempt_bounds"
                + "  CHECK (max_attempts >= 1 AND attempt >= 0 AND attempt <= max_attempts))",
            "CREATE UNIQUE INDEX jobs_live_key ON "
                + s
                + ".jobs (idem_key) WHERE state NOT IN ('FAILED', 'CANCELED')",
            "CREATE INDEX jobs_queued ON " + s + ".jobs (seq) WHERE state = 'QUEUED'",
            "CREATE INDEX jobs_running ON " + s + ".jobs (heartbeat_at) WHERE state = 'RUNNING'",
            "CREATE TABLE "
                + s
                + ".sources ("
                + " sha256 text PRIMARY KEY,"
                + " size bigint NOT NULL CHECK (size >= 0),"
                + " chunks integer NOT NULL CHECK (chunks >= 0),"
                + " location text,"
                + " CONSTRAINT chunks_or_file CHECK (location IS NULL OR chunks = 0))",
            "CREATE TABLE "
                + s
                + ".source_chunks ("
                + " sha256 text NOT NULL REFERENCES "
                + s
                + ".sources (sha256) ON DELETE CASCADE,"
                + " n integer NOT NULL,"
                + " bytes bytea NOT NULL,"
                + " PRIMARY KEY (sha256, n))",
            "ALTER TABLE "
                + s
                + ".jobs ADD COLUMN stored_source text REFERENCES "
                + s
                + ".sources (sha256)",
            "CREATE INDEX jobs_stored_source ON " + s + ".jobs (stored_source)",
            "CREATE INDEX jobs_ended ON "
                + s
                + ".jobs (updated_at) WHERE state IN ('SUCCEEDED', 'FAILED', 'CANCELED')",
            "CREATE TABLE "
                + s
                + ".artifacts ("
                + " run_id text PRIMARY KEY,"
                + " job_id text NOT NULL REFERENCES "
                + s
                + ".jobs (id),"
                + " published boolean NOT NULL,"
                + " sha256 text NOT NULL,"
                + " size bigint NOT NULL CHECK (size >= 0),"
                + " bytes bytea,"
                + " location text,"
                + " created_at timestamptz NOT NULL,"
                + " CONSTRAINT bytes_or_file CHECK ((bytes IS NULL) <> (location IS NULL)))",
            "CREATE INDEX artifacts_job ON " + s + ".artifacts (job_id)",
            "CREATE INDEX sources_file ON " + s + ".sources (location) WHERE location IS NOT NULL",
            "CREATE INDEX artifacts_file ON "
                + s
                + ".artifacts (location) WHERE location IS NOT NULL"),
        // 2: what the totals add up, written with the record like the other derived columns;
        // rows that ended before the columns existed are filled in from their records.
        List.of(
            "ALTER TABLE "
                + s
                + ".jobs ADD COLUMN result_pages integer, ADD COLUMN result_warned boolean,"
                + " ADD COLUMN result_fell_back boolean, ADD COLUMN error_code text",
            "UPDATE "
                + s
                + ".jobs SET result_pages = ((record::jsonb) #>> '{manifest,pages}')::integer,"
                + " result_warned = jsonb_array_length(coalesce((record::jsonb) #>"
                + " '{manifest,warnings}', '[]'::jsonb)) > 0,"
                + " result_fell_back = (record::jsonb) #>> '{manifest,fallback_reason}' IS NOT NULL"
                + " WHERE state = 'SUCCEEDED'",
            "UPDATE "
                + s
                + ".jobs SET error_code = (record::jsonb) #>> '{error,code}' WHERE state = 'FAILED'"));
  }

  /**
   * Creates the schema when absent and applies every migration it lacks, under one advisory lock.
   *
   * @throws DataRootConflictException when the schema is newer than this code or carries another
   *     namespace
   */
  static void migrate(Connection c, String schema, String namespace) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
      lock.setInt(1, MIGRATION_LOCK);
      lock.setInt(2, schema.hashCode());
      lock.execute();
    }
    try (Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + schema
              + ".schema_version (version integer PRIMARY KEY,"
              + " applied_at timestamptz NOT NULL DEFAULT clock_timestamp())");
    }
    int current;
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT coalesce(max(version), 0) FROM " + schema + ".schema_version")) {
      rs.next();
      current = rs.getInt(1);
    }
    if (current > VERSION) {
      throw new DataRootConflictException(
          "postgres schema "
              + schema
              + " is at version "
              + current
              + ", newer than this store's "
              + VERSION,
          Map.of("schema", schema, "version", String.valueOf(current)));
    }
    List<List<String>> all = migrations(schema);
    for (int v = current + 1; v <= VERSION; v++) {
      try (Statement st = c.createStatement()) {
        for (String ddl : all.get(v - 1)) {
          st.execute(ddl);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO " + schema + ".schema_version (version) VALUES (?)")) {
        ps.setInt(1, v);
        ps.executeUpdate();
      }
    }
    checkNamespace(c, schema, namespace);
  }

  private static void checkNamespace(Connection c, String schema, String namespace)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + schema
                + ".store_info (namespace) VALUES (?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, namespace);
      ps.executeUpdate();
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT namespace FROM " + schema + ".store_info")) {
      rs.next();
      String stored = rs.getString(1);
      if (!stored.equals(namespace)) {
        throw new DataRootConflictException(
            "postgres schema " + schema + " belongs to namespace " + stored + ", not " + namespace,
            Map.of("schema", schema, "namespace", stored, "expected_namespace", namespace));
      }
    }
  }
}
