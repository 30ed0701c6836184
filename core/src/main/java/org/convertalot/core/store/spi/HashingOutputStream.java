package org.convertalot.core.store.spi;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/**
 * An output stream that hashes and counts what passes through it, so that a store stages an
 * artifact and learns its SHA-256 and size in one pass. Not thread-safe.
 */
public final class HashingOutputStream extends FilterOutputStream {
  private final MessageDigest digest = Hashing.sha256();
  private long size;
  private Hashing.FileHash hash;

  /**
   * Wraps a stream.
   *
   * @param out where the bytes go; closed when this stream is closed
   */
  public HashingOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    checkOpen();
    out.write(b);
    digest.update((byte) b);
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    checkOpen();
    // FilterOutputStream would write byte by byte.
    out.write(b, off, len);
    digest.update(b, off, len);
    size += len;
  }

  /**
   * The hash and size of every byte written. Ends the hashing: later writes fail.
   *
   * @return the SHA-256 and size of what was written
   */
  public Hashing.FileHash hash() {
    if (hash == null) {
      hash = new Hashing.FileHash(Hashing.hex(digest.digest()), size);
    }
    return hash;
  }

  private void checkOpen() {
    if (hash != null) {
      throw new IllegalStateException("the hash was already taken");
    }
  }
}
