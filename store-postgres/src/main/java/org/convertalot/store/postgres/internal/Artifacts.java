package org.convertalot.store.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.JobId;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.core.store.StagedArtifact;
import org.convertalot.core.store.spi.Hashing;

/**
 * The artifacts the store keeps beside the rows, by run id, staged then published.
 *
 * <p>Guarantees: a staged artifact is invisible to readers until the fenced {@code complete}
 * publishes it in the transaction that records SUCCEEDED; a read hashes what it read and serves
 * nothing that does not match its manifest ({@code integrity_violation}, and the job is flagged).
 * Callers hold the job's row lock around staging checks, publishing and discarding.
 */
final class Artifacts {
  private final Sql sql;
  private final Set<JobId> integrityViolations = ConcurrentHashMap.newKeySet();

  Artifacts(Sql sql) {
    this.sql = sql;
  }

  /** Stages a run's Markdown (replacing what the run staged before), hashed in the same pass. */
  StagedArtifact stage(Connection c, JobId id, String runId, byte[] markdown, Instant now)
      throws SQLException {
    String sha = Hashing.sha256Hex(markdown);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + sql.table("artifacts")
                + " (run_id, job_id, published, sha256, size, bytes, created_at)"
                + " VALUES (?, ?, false, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE"
                + " SET sha256 = EXCLUDED.sha256, size = EXCLUDED.size, bytes = EXCLUDED.bytes,"
                + " created_at = EXCLUDED.created_at WHERE NOT "
                + sql.table("artifacts")
                + ".published")) {
      ps.setString(1, runId);
      ps.setString(2, id.value());
      ps.setString(3, sha);
      ps.setLong(4, markdown.length);
      ps.setBytes(5, markdown);
      ps.setObject(6, Sql.ts(now));
      ps.executeUpdate();
    }
    return new StagedArtifact(
        id, runId, sha, markdown.length, "postgres:" + sql.table("artifacts") + "/" + runId);
  }

  /** Refuses to publish a staged artifact that is gone or is not what the manifest describes. */
  void checkStaged(Connection c, JobId id, String runId, ArtifactManifest manifest)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT size, sha256 FROM "
                + sql.table("artifacts")
                + " WHERE run_id = ? AND job_id = ? AND NOT published")) {
      ps.setString(1, runId);
      ps.setString(2, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IntegrityViolationException(
              "nothing was staged by run " + runId,
              Map.of("run_id", runId),
              id.value(),
              manifest.attempt());
        }
        long size = rs.getLong(1);
        String sha = rs.getString(2);
        if (size != manifest.size() || !sha.equals(manifest.sha256())) {
          throw new IntegrityViolationException(
              "staged artifact has " + size + " bytes, its manifest says " + manifest.size(),
              Map.of(
                  "run_id", runId,
                  "staged_sha256", sha,
                  "manifest_sha256", manifest.sha256()),
              id.value(),
              manifest.attempt());
        }
      }
    }
  }

  /** Makes the run's staged artifact the published one. */
  void publish(Connection c, String runId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE " + sql.table("artifacts") + " SET published = true WHERE run_id = ?")) {
      ps.setString(1, runId);
      ps.executeUpdate();
    }
  }

  /** Removes what a run staged; it can never complete now. */
  void discardRun(Connection c, String runId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM " + sql.table("artifacts") + " WHERE run_id = ? AND NOT published")) {
      ps.setString(1, runId);
      ps.executeUpdate();
    }
  }

  /**
   * A published artifact, hashed as read; {@code integrity_violation} (and the job flagged) when it
   * is missing or does not match the manifest.
   */
  byte[] readVerified(Connection c, ArtifactManifest manifest) throws SQLException {
    byte[] bytes = null;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT bytes FROM "
                + sql.table("artifacts")
                + " WHERE run_id = ? AND job_id = ? AND published")) {
      ps.setString(1, manifest.runId());
      ps.setString(2, manifest.jobId().value());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          bytes = rs.getBytes(1);
        }
      }
    }
    if (bytes == null) {
      integrityViolations.add(manifest.jobId());
      throw new IntegrityViolationException(
          "artifact of run " + manifest.runId() + " is missing",
          Map.of("run_id", manifest.runId()),
          manifest.jobId().value(),
          manifest.attempt());
    }
    String sha = Hashing.sha256Hex(bytes);
    if (!sha.equals(manifest.sha256()) || bytes.length != manifest.size()) {
      integrityViolations.add(manifest.jobId());
      throw new IntegrityViolationException(
          "artifact of run " + manifest.runId() + " does not match its manifest",
          Map.of(
              "run_id", manifest.runId(),
              "expected_sha256", manifest.sha256(),
              "actual_sha256", sha,
              "expected_size", String.valueOf(manifest.size()),
              "actual_size", String.valueOf(bytes.length)),
          manifest.jobId().value(),
          manifest.attempt());
    }
    return bytes;
  }

  /** The jobs flagged since the store opened. */
  Set<JobId> integrityViolations() {
    return Set.copyOf(integrityViolations);
  }
}
