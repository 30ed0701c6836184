package org.convertalot.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The API keys a server accepts, compared in constant time: only their SHA-256 digests are kept, so
 * neither a comparison's timing nor a heap dump gives a key away. Keys are never logged.
 */
public final class ApiKeys {

  private final List<byte[]> digests;

  /**
   * The accepted keys.
   *
   * @param keys the keys; none means every request is refused
   */
  public ApiKeys(List<String> keys) {
    List<byte[]> out = new ArrayList<>(keys.size());
    for (String key : keys) {
      out.add(digest(key));
    }
    this.digests = List.copyOf(out);
  }

  /** The hex digest a key is known by outside this class (rate limits). */
  static String digestHex(String key) {
    StringBuilder hex = new StringBuilder();
    for (byte b : digest(key)) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  /** Whether {@code presented} is one of the keys; the time taken does not depend on which. */
  public boolean accepts(String presented) {
    byte[] digest = digest(presented);
    boolean found = false;
    for (byte[] key : digests) {
      found |= MessageDigest.isEqual(key, digest);
    }
    return found;
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
