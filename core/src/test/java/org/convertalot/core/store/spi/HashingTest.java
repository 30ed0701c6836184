package org.convertalot.core.store.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingTest {
  // SHA-256 of "abc" (FIPS 180-2 example).
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @TempDir Path dir;

  @Test
  void everyWayOfHashingAgrees() throws Exception {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    assertEquals(ABC, Hashing.sha256Hex(abc));
    assertEquals(new Hashing.FileHash(ABC, 3), Hashing.hash(new ByteArrayInputStream(abc)));
    Path file = Files.write(dir.resolve("abc"), abc);
    assertEquals(new Hashing.FileHash(ABC, 3), Hashing.hashFile(file));
  }

  @Test
  void theOutputStreamHashesWhatPassesThrough() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    byte[] big = new byte[200_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    try (HashingOutputStream out = new HashingOutputStream(sink)) {
      out.write(big[0]);
      out.write(big, 1, big.length - 1);
      assertEquals(new Hashing.FileHash(Hashing.sha256Hex(big), big.length), out.hash());
      assertEquals(out.hash(), out.hash());
      assertThrows(IllegalStateException.class, () -> out.write(1));
    }
    assertEquals(big.length, sink.size());
  }
}
