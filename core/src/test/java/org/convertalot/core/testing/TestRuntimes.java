package org.convertalot.core.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.convertalot.api.JobHandle;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.error.ConversionException;
import org.convertalot.core.ConvertALot;

/** What runtime tests share: a fast runtime on a test folder, inputs, and typed failures. */
public final class TestRuntimes {
  private TestRuntimes() {}

  /**
   * A runtime builder on {@code dir/data} with only the given engines: two workers, 10 ms polls,
   * retries without backoff.
   */
  public static ConvertALot.Builder builder(Path dir, ConversionBackend... backends) {
    ConvertALot.Builder b =
        ConvertALot.builder()
            .dataRoot(dir.resolve("data"))
            .serviceLoader(false)
            .workers(2)
            .pollInterval(Duration.ofMillis(10))
            .retryBackoff(Duration.ZERO, Duration.ZERO);
    for (ConversionBackend backend : backends) {
      b.backend(backend);
    }
    return b;
  }

  /** A file that passes the runtime's own input checks (a PDF header), named after itself. */
  public static Path fakePdf(Path dir, String name) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "%PDF-1.4 fake body of " + name);
    return p;
  }

  /** The typed error a job's result future ended with. */
  public static ConversionException failure(JobHandle h) {
    CompletionException e = assertThrows(CompletionException.class, () -> h.result().join());
    return assertInstanceOf(ConversionException.class, e.getCause());
  }
}
