package org.convertalot.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.convertalot.core.store.spi.Hashing;

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

  /**
   * What the server knows {@code presented} by when it is one of the keys (its digest in hex, for
   * rate limits), else null; the time taken does not depend on which key matched.
   */
  String idOf(String presented) {
    byte[] digest = digest(presented);
    boolean found = false;
    for (byte[] key : digests) {
      found |= MessageDigest.isEqual(key, digest);
    }
    return found ? Hashing.hex(digest) : null;
  }

  private static byte[] digest(String key) {
    return Hashing.sha256().digest(key.getBytes(StandardCharsets.UTF_8));
  }
}
