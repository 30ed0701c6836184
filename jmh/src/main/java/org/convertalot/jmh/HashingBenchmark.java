package org.convertalot.jmh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.core.store.spi.HashingOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The project's SHA-256 of an artifact ({@link Hashing} and {@link HashingOutputStream} of the
 * store SPI, hex included, as a store stages an artifact) against a baseline of a bare {@link
 * MessageDigest} SHA-256 over the same bytes, in the same run; the ratio is throughput of the
 * project's path over the baseline's. One operation hashes {@code size} bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class HashingBenchmark {
  /** Bytes per operation: 4 KiB, 64 KiB, 1 MiB. */
  @Param({"4096", "65536", "1048576"})
  public int size;

  private byte[] bytes;

  /** Fills the buffer with fixed pseudo-random bytes. */
  @Setup(Level.Trial)
  public void fill() {
    bytes = new byte[size];
    new SplittableRandom(size).nextBytes(bytes);
  }

  /**
   * The bytes written through a {@link HashingOutputStream} (to a discarding stream), then its hash
   * and size: the one-pass staging path.
   *
   * @return the hex SHA-256
   * @throws IOException never
   */
  @Benchmark
  public String hashingOutputStream() throws IOException {
    try (HashingOutputStream out = new HashingOutputStream(OutputStream.nullOutputStream())) {
      out.write(bytes, 0, bytes.length);
      return out.hash().sha256();
    }
  }

  /**
   * {@link Hashing#sha256Hex}: bytes already in memory.
   *
   * @return the hex SHA-256
   */
  @Benchmark
  public String sha256Hex() {
    return Hashing.sha256Hex(bytes);
  }

  /**
   * {@link Hashing#hash(java.io.InputStream)}: the streamed read path with its own buffer.
   *
   * @return the hex SHA-256
   * @throws IOException never
   */
  @Benchmark
  public String hashStream() throws IOException {
    return Hashing.hash(new ByteArrayInputStream(bytes)).sha256();
  }

  /**
   * Baseline: a new {@link MessageDigest} for SHA-256 and its digest of the bytes, no hex.
   *
   * @return the digest
   * @throws NoSuchAlgorithmException never
   */
  @Benchmark
  public byte[] baselineMessageDigest() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
