package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source changes after the runtime checked its hash, while the engine converts (issue 15, item
 * 6): the engine still converts exactly the bytes whose hash the job records, because it reads the
 * runtime's private copy made in the same read as the hash.
 */
class SourceChangedDuringRunTest {
  @TempDir Path dir;

  private static final String ORIGINAL = "%PDF-1.4\n" + "original page\n".repeat(4_000);

  @Test
  void aFileSwappedByRenameWhileConvertingDoesNotChangeWhatIsConverted() throws Exception {
    assertConvertsTheOriginal(
        source -> {
          Path other = source.resolveSibling("other.tmp");
          write(other, "%PDF-1.4\nsomething else entirely\n");
          move(other, source);
        });
  }

  @Test
  void aFileRewrittenInPlaceWhileConvertingDoesNotChangeWhatIsConverted() throws Exception {
    assertConvertsTheOriginal(
        source -> {
          try {
            // Truncate and rewrite the same inode, as an editor saving in place would.
            Files.writeString(
                source,
                "%PDF-1.4\nhalf\n",
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private void assertConvertsTheOriginal(Consumer<Path> change) throws Exception {
    Path source = dir.resolve("doc.pdf");
    write(source, ORIGINAL);
    String submittedHash = Hashing.sha256Hex(ORIGINAL.getBytes(StandardCharsets.US_ASCII));
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              change.accept(source);
              try {
                byte[] seen = Files.readAllBytes(in.path());
                return BackendOutput.onCpu(
                    "# " + Hashing.sha256Hex(seen) + "\n\n" + seen.length + " bytes\n", 1);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, engine).build()) {
      ConversionResult result = runtime.convert(ConversionRequest.builder(source).build());
      assertNotEquals(ORIGINAL, Files.readString(source), "the source did change");
      assertEquals(
          "# " + submittedHash + "\n\n" + ORIGINAL.length() + " bytes\n", result.markdown());
      assertEquals(submittedHash, result.manifest().source().sha256());
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
