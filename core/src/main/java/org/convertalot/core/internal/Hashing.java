package org.convertalot.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers; every hash is computed in the same pass that reads or writes the bytes. */
public final class Hashing {
  private Hashing() {}

  /** A new SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Lower-case hex. */
  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  /** The hex SHA-256 of bytes. */
  public static String sha256Hex(byte[] bytes) {
    return hex(sha256().digest(bytes));
  }

  /** The hex SHA-256 and size of a file, streamed once. */
  public static FileHash hashFile(Path file) throws IOException {
    MessageDigest md = sha256();
    long size = 0;
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
        size += n;
      }
    }
    return new FileHash(hex(md.digest()), size);
  }

  /**
   * A file's hash and size.
   *
   * @param sha256 lower-case hex
   * @param size bytes
   */
  public record FileHash(String sha256, long size) {}
}
