package org.convertalot.core.store.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 helpers. Every hash is taken in the same pass that reads or writes the bytes (contract
 * §5: hashing is streamed once, never a second read); {@link HashingOutputStream} does it for
 * writes.
 */
public final class Hashing {
  private static final int BUFFER = 64 * 1024;

  /** The smallest read buffer of {@link #hash(InputStream)}. */
  private static final int SMALL_BUFFER = 4 * 1024;

  private Hashing() {}

  /**
   * A new SHA-256 digest.
   *
   * @return a fresh digest, for one thread
   */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Lower-case hex.
   *
   * @param digest the bytes of a digest
   * @return their lower-case hex form
   */
  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  /**
   * The hex SHA-256 of bytes already in memory.
   *
   * @param bytes the bytes
   * @return lower-case hex SHA-256
   */
  public static String sha256Hex(byte[] bytes) {
    return hex(sha256().digest(bytes));
  }

  /**
   * The hex SHA-256 and size of a file, streamed once.
   *
   * @param file the file
   * @return its hash and size
   * @throws IOException when it cannot be read
   */
  public static FileHash hashFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return hash(in);
    }
  }

  /**
   * The hex SHA-256 and size of everything left in a stream, read once. The stream is not closed.
   *
   * @param in the stream
   * @return the hash and size of what was read
   * @throws IOException when it cannot be read
   */
  public static FileHash hash(InputStream in) throws IOException {
    MessageDigest md = sha256();
    long size = 0;
    // As large as what the stream says is left (plus one, to see its end in the same read), within
    // [SMALL_BUFFER, BUFFER]: a fresh 64 KiB buffer costs more than hashing a few KiB.
    byte[] buf = new byte[Math.min(BUFFER, Math.max(SMALL_BUFFER, in.available() + 1))];
    int n;
    while ((n = in.read(buf)) > 0) {
      md.update(buf, 0, n);
      size += n;
    }
    return new FileHash(hex(md.digest()), size);
  }

  /**
   * The hash and size of bytes read or written once (a file, a stream or a staged artifact).
   *
   * @param sha256 lower-case hex
   * @param size bytes
   */
  public record FileHash(String sha256, long size) {}
}
