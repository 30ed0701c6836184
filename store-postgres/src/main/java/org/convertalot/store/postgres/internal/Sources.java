package org.convertalot.store.postgres.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.convertalot.api.JobId;
import org.convertalot.api.SourceRef;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.core.store.spi.Hashing;

/**
 * The sources the store keeps, so that a worker on a machine that cannot see the submitter's files
 * converts the job: one row per distinct SHA-256 (shared by every job of the same bytes) and its
 * bytes in chunks of {@value #CHUNK_BYTES} bytes.
 *
 * <p>With a {@link SharedFolder}, the bytes are a file there instead of chunks.
 *
 * <p>Guarantees: neither a submit nor a read holds more than one chunk in memory, so a source of
 * hundreds of megabytes needs no heap of that size; a source is stored only when the bytes read
 * hash to the job's SHA-256 (in the same pass); a source is deleted only when no job references it,
 * and a submit that finds a source locks it against that deletion until it commits.
 */
final class Sources {
  /** The bytes of one chunk row: large enough that a read is a few round trips per megabyte. */
  static final int CHUNK_BYTES = 1 << 20;

  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final Sql sql;
  private final SharedFolder folder;

  /**
   * @param folder where to keep the bytes as files instead of chunks, or {@code null}
   */
  Sources(Sql sql, SharedFolder folder) {
    this.sql = sql;
    this.folder = folder;
  }

  /**
   * Stores a source's bytes when its file is readable here and the store does not hold them yet. A
   * source whose file this process cannot read (another machine's path) is left to the file system:
   * workers then read it from its path.
   *
   * @return whether the store holds the bytes after the call, so that the job may reference them
   * @throws IntegrityViolationException when the file's bytes do not hash to the job's SHA-256
   */
  boolean store(Connection c, SourceRef source, JobId job) throws SQLException, IOException {
    for (; ; ) {
      Path file = readableFile(source);
      if (file == null) {
        return held(c, source.sha256());
      }
      // The row goes in first, so that a concurrent submit of the same bytes waits for this
      // commit; it already says where the bytes go, so that it needs no second write.
      String location =
          folder == null ? null : SharedFolder.newLocation("sources", source.sha256(), ".pdf");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO "
                  + sql.table("sources")
                  + " (sha256, size, chunks, location) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
        ps.setString(1, source.sha256());
        ps.setLong(2, source.size());
        ps.setInt(3, location == null ? chunksOf(source.size()) : 0);
        ps.setString(4, location);
        if (ps.executeUpdate() == 0) {
          if (held(c, source.sha256())) {
            return true; // another submit stored them
          }
          continue; // a purge removed them just now
        }
      }
      if (location == null) {
        writeChunks(c, file, source, job);
      } else {
        writeFile(file, location, source, job);
      }
      return true;
    }
  }

  /** How many chunks hold a source of this size. */
  static int chunksOf(long size) {
    return Math.toIntExact((size + CHUNK_BYTES - 1) / CHUNK_BYTES);
  }

  /** Whether a submit of this source may store it and the job in one statement. */
  boolean fitsOneStatement(SourceRef source) {
    return folder == null && source.size() > 0 && source.size() <= CHUNK_BYTES;
  }

  /**
   * The bytes of a source that fits in one chunk, read here, when they hash to the job's SHA-256
   * and the store keeps sources as chunks: such a submit can store source and job in one statement.
   * Anything else (not readable here, larger, other bytes) is for the general path, which also
   * reports the mismatch.
   *
   * @return the bytes, or empty
   */
  Optional<byte[]> smallSource(SourceRef source) {
    if (!fitsOneStatement(source)) {
      return Optional.empty();
    }
    try {
      Path file = readableFile(source);
      if (file == null) {
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(file);
      boolean same =
          bytes.length == source.size() && Hashing.sha256Hex(bytes).equals(source.sha256());
      return same ? Optional.of(bytes) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The first part of one statement that stores a small source unless it is there: a {@code WITH}
   * whose parameters (hash, size, chunk count, bytes) {@link #bindSmallSource} binds; the caller
   * appends its own statement, which may reference the source row.
   */
  String withSmallSource() {
    return "WITH src AS (INSERT INTO "
        + sql.table("sources")
        + " (sha256, size, chunks, location) VALUES (?, ?, ?, NULL) ON CONFLICT DO NOTHING"
        + " RETURNING sha256), chunk AS (INSERT INTO "
        + sql.table("source_chunks")
        + " (sha256, n, bytes) SELECT sha256, 0, ? FROM src) ";
  }

  /** Binds {@link #withSmallSource()}'s parameters from 1 on; returns the next index. */
  int bindSmallSource(PreparedStatement ps, SourceRef source, byte[] bytes) throws SQLException {
    ps.setString(1, source.sha256());
    ps.setLong(2, source.size());
    ps.setInt(3, chunksOf(source.size()));
    ps.setBytes(4, bytes);
    return 5;
  }

  private static Path readableFile(SourceRef source) throws IOException {
    Path file;
    try {
      file = Path.of(source.path());
    } catch (InvalidPathException e) {
      return null;
    }
    if (!Files.isRegularFile(file) || Files.size(file) != source.size()) {
      return null;
    }
    return file;
  }

  private void writeChunks(Connection c, Path file, SourceRef source, JobId job)
      throws SQLException, IOException {
    MessageDigest digest = Hashing.sha256();
    byte[] buffer = new byte[CHUNK_BYTES];
    int chunks = 0;
    long total = 0;
    try (InputStream in = Files.newInputStream(file);
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + sql.table("source_chunks")
                    + " (sha256, n, bytes) VALUES (?, ?, ?)")) {
      int n;
      while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
        digest.update(buffer, 0, n);
        total += n;
        ps.setString(1, source.sha256());
        ps.setInt(2, chunks++);
        ps.setBytes(3, n == buffer.length ? buffer : Arrays.copyOf(buffer, n));
        ps.executeUpdate();
      }
    }
    String actual = Hashing.hex(digest.digest());
    if (total != source.size() || !actual.equals(source.sha256()) || chunks != chunksOf(total)) {
      throw changed(file, source, actual, job);
    }
  }

  private void writeFile(Path file, String location, SourceRef source, JobId job)
      throws IOException {
    MessageDigest digest = Hashing.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      folder.write(location, in);
    }
    String actual = Hashing.hex(digest.digest());
    if (!actual.equals(source.sha256())) {
      folder.delete(location);
      throw changed(file, source, actual, job);
    }
  }

  private static IntegrityViolationException changed(
      Path file, SourceRef source, String actual, JobId job) {
    // The transaction rolls back: nothing of the submit stays.
    return new IntegrityViolationException(
        "source " + file + " changed since it was hashed",
        Map.of(
            "path", file.toString(), "expected_sha256", source.sha256(), "actual_sha256", actual),
        job.value(),
        0);
  }

  /** Whether the store holds these bytes; locks them against a purge until the commit. */
  private boolean held(Connection c, String sha256) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM " + sql.table("sources") + " WHERE sha256 = ? FOR KEY SHARE")) {
      ps.setString(1, sha256);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * A stream of a stored source, reading one chunk per short transaction, or empty when the store
   * does not hold it.
   */
  Optional<InputStream> open(String sha256) {
    // The first chunk comes with the row: a small source is one round trip.
    StoredSource found =
        sql.read(
            "find source " + sha256,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT s.chunks, s.location, k.bytes FROM "
                          + sql.table("sources")
                          + " s LEFT JOIN "
                          + sql.table("source_chunks")
                          + " k ON k.sha256 = s.sha256 AND k.n = 0 WHERE s.sha256 = ?")) {
                ps.setString(1, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next()
                      ? new StoredSource(rs.getInt(1), rs.getString(2), rs.getBytes(3))
                      : null;
                }
              }
            });
    if (found == null) {
      return Optional.empty();
    }
    String location = found.location();
    if (location != null) {
      return Optional.of(SharedFolder.require(folder, sql.schema(), location).open(location));
    }
    return Optional.of(new ChunkStream(sha256, found.chunks(), found.firstChunk()));
  }

  /** A source's row: its chunk count, or the location of its file, and its first chunk if any. */
  private record StoredSource(int chunks, String location, byte[] firstChunk) {}

  /**
   * Deletes up to {@code limit} sources no job references, in this transaction.
   *
   * @return how many were deleted; 0 also when a submit referenced one of them meanwhile (they are
   *     left for the next purge)
   */
  int deleteUnreferenced(Connection c, int limit) throws SQLException {
    Savepoint before = c.setSavepoint();
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM "
                + sql.table("sources")
                + " WHERE sha256 IN (SELECT s.sha256 FROM "
                + sql.table("sources")
                + " s WHERE NOT EXISTS (SELECT 1 FROM "
                + sql.table("jobs")
                + " j WHERE j.stored_source = s.sha256) LIMIT ? FOR UPDATE SKIP LOCKED)")) {
      ps.setInt(1, limit);
      return ps.executeUpdate();
    } catch (SQLException e) {
      if (!FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // A job that committed after this statement's snapshot references one of them.
      c.rollback(before);
      return 0;
    }
  }

  /** Reads a stored source chunk by chunk, each in its own short transaction. */
  private final class ChunkStream extends InputStream {
    private final String sha256;
    private final int chunks;
    private int next;
    private byte[] chunk = new byte[0];
    private int position;

    /** A stream whose first chunk was read with the row (null when there is none). */
    ChunkStream(String sha256, int chunks, byte[] first) {
      this.sha256 = sha256;
      this.chunks = chunks;
      if (first != null && chunks > 0) {
        this.chunk = first;
        this.next = 1;
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (position == chunk.length) {
        if (next == chunks) {
          return -1;
        }
        chunk = fetch(next++);
        position = 0;
      }
      int n = Math.min(len, chunk.length - position);
      System.arraycopy(chunk, position, b, off, n);
      position += n;
      return n;
    }

    private byte[] fetch(int n) throws IOException {
      byte[] bytes =
          sql.read(
              "read source " + sha256,
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "SELECT bytes FROM "
                            + sql.table("source_chunks")
                            + " WHERE sha256 = ? AND n = ?")) {
                  ps.setString(1, sha256);
                  ps.setInt(2, n);
                  try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                  }
                }
              });
      if (bytes == null) {
        throw new IOException("chunk " + n + " of source " + sha256 + " is missing");
      }
      return bytes;
    }
  }
}
