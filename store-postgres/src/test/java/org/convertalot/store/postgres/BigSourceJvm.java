package org.convertalot.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;

/**
 * A JVM with a small heap that writes a source of many megabytes, submits it to a {@link
 * PostgresJobStore}, deletes the file and converts the job from the stored bytes.
 *
 * <p>Arguments: the JDBC URL (with {@code currentSchema}), the source's size in MiB, a folder.
 * Prints {@value #SUBMITTED} with the job's SHA-256, then the Markdown of the result.
 */
final class BigSourceJvm {
  static final String SUBMITTED = "big-source:submitted";

  private BigSourceJvm() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int mebibytes = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    String schema = url.replaceAll(".*[?&]currentSchema=([a-z0-9_]+).*", "$1");
    Path source = dir.resolve("big.pdf");
    write(source, mebibytes);
    HikariDataSource pool = EmbeddedPg.pool(url, 4);
    try (JobStore store = PostgresJobStore.builder(pool).schema(schema).closing(pool).open();
        ConversionRuntime runtime =
            ConvertALot.builder()
                .store(store)
                .workers(1)
                .serviceLoader(false)
                .backend(new NoopEngine(1, 0, name -> {}))
                .tempRoot(dir.resolve("tmp"))
                .build()) {
      runtime.pause();
      JobHandle handle =
          runtime.submit(
              ConversionRequest.builder(source)
                  .policy(Policy.CPU_ONLY)
                  .engine(NoopEngine.ID)
                  .limits(
                      new Limits(
                          Limits.DEFAULT_MAX_BYTES,
                          Limits.DEFAULT_MAX_PAGES,
                          Duration.ofMinutes(5)))
                  .build());
      System.out.println(SUBMITTED + " " + handle.snapshot().source().sha256());
      // The worker side cannot read the submitter's file: only the stored bytes remain.
      Files.delete(source);
      runtime.resume();
      ConversionResult result = handle.result().get(5, TimeUnit.MINUTES);
      System.out.println(result.markdown());
    }
    System.exit(0);
  }

  /** A PDF header, then pseudo-random bytes (incompressible, so no layer can shrink them). */
  private static void write(Path file, int mebibytes) throws Exception {
    Random random = new Random(42);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < mebibytes; i++) {
        random.nextBytes(block);
        out.write(block);
      }
    }
  }
}
