package org.convertalot.store.postgres.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.JobId;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.api.error.StoreUnavailableException;
import org.convertalot.core.store.JobTransitions;
import org.convertalot.core.store.StagedArtifact;
import org.convertalot.core.store.spi.Hashing;

/**
 * The artifacts the store keeps beside the rows, by run id, staged then published: in the row, or
 * with a {@link SharedFolder} as a file there that the row names.
 *
 * <p>Guarantees: a staged artifact is invisible to readers until the fenced {@code complete}
 * publishes it in the transaction that records SUCCEEDED; a read hashes what it read and serves
 * nothing that does not match its manifest ({@code integrity_violation}, and the job is flagged).
 * Callers hold the job's row lock around staging checks, publishing and discarding.
 */
final class Artifacts {
  private final Sql sql;
  private final SharedFolder folder;
  private final Set<JobId> integrityViolations = ConcurrentHashMap.newKeySet();

  /**
   * @param folder where to keep the bytes as files instead of in the rows, or {@code null}
   */
  Artifacts(Sql sql, SharedFolder folder) {
    this.sql = sql;
    this.folder = folder;
  }

  /** Stages a run's Markdown (replacing what the run staged before), hashed in the same pass. */
  StagedArtifact stage(Connection c, JobId id, String runId, byte[] markdown)
      throws SQLException, IOException {
    StagedArtifact staged = describe(id, runId, markdown);
    write(c, staged, markdown, false);
    return staged;
  }

  /** What staging these bytes would record, computed without writing. */
  StagedArtifact describe(JobId id, String runId, byte[] markdown) {
    return new StagedArtifact(
        id,
        runId,
        Hashing.sha256Hex(markdown),
        markdown.length,
        "postgres:" + sql.table("artifacts") + "/" + runId);
  }

  /**
   * Writes a run's artifact row (replacing what the run staged before), staged or already
   * published; the caller holds the job's row lock and decided the outcome.
   */
  void write(Connection c, StagedArtifact staged, byte[] markdown, boolean published)
      throws SQLException, IOException {
    // In a shared folder the row names a fresh file; the one it replaces is swept by a purge.
    String location = null;
    if (folder != null) {
      location = SharedFolder.newLocation("artifacts", staged.runId(), ".md");
      folder.write(location, new ByteArrayInputStream(markdown));
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + sql.table("artifacts")
                + " (run_id, job_id, published, sha256, size, bytes, location, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, "
                + Sql.TIME
                + ") ON CONFLICT (run_id) DO UPDATE"
                + " SET published = EXCLUDED.published, sha256 = EXCLUDED.sha256,"
                + " size = EXCLUDED.size, bytes = EXCLUDED.bytes, location = EXCLUDED.location,"
                + " created_at = EXCLUDED.created_at WHERE NOT "
                + sql.table("artifacts")
                + ".published")) {
      ps.setString(1, staged.runId());
      ps.setString(2, staged.jobId().value());
      ps.setBoolean(3, published);
      ps.setString(4, staged.sha256());
      ps.setLong(5, staged.size());
      ps.setBytes(6, location == null ? markdown : null);
      ps.setString(7, location);
      sql.bindTime(ps, 8);
      ps.executeUpdate();
    }
  }

  /**
   * Makes the run's staged artifact the published one, in one statement; refuses (and the caller's
   * transaction rolls back) when nothing was staged or the staged bytes are not what the manifest
   * describes.
   */
  void publish(Connection c, JobId id, String runId, ArtifactManifest manifest)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE "
                + sql.table("artifacts")
                + " SET published = true WHERE run_id = ? AND job_id = ? AND NOT published"
                + " RETURNING size, sha256")) {
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
            "SELECT bytes, location FROM "
                + sql.table("artifacts")
                + " WHERE run_id = ? AND job_id = ? AND published")) {
      ps.setString(1, manifest.runId());
      ps.setString(2, manifest.jobId().value());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          String location = rs.getString(2);
          bytes = location == null ? rs.getBytes(1) : readFile(location);
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
    try {
      JobTransitions.checkArtifact(
          manifest,
          bytes,
          "artifact of run " + manifest.runId() + " does not match its manifest",
          Map.of("run_id", manifest.runId()));
    } catch (IntegrityViolationException e) {
      integrityViolations.add(manifest.jobId());
      throw e;
    }
    return bytes;
  }

  /** A file the row names, or null when it is gone (reported as missing). */
  private byte[] readFile(String location) {
    try {
      return SharedFolder.require(folder, sql.schema(), location).read(location);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new StoreUnavailableException(
          "cannot read " + location + " in the shared folder: " + e,
          Map.of("schema", sql.schema(), "location", location, "reason", "io"),
          e);
    }
  }

  /** The jobs flagged since the store opened. */
  Set<JobId> integrityViolations() {
    return Set.copyOf(integrityViolations);
  }
}
