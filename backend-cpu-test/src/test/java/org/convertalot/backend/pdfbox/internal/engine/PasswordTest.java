package org.convertalot.backend.pdfbox.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.Policy;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.backend.pdfbox.testing.EngineFixtures;
import org.convertalot.core.ConvertALot;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An encrypted PDF opens with a password the runtime was given, tried after the empty one and
 * before the next; the password never reaches the store, and a PDF none of them opens is {@code
 * encrypted}.
 */
class PasswordTest {
  private static final String SECRET = "user-secret-4711";

  @TempDir Path dir;

  private Path locked() {
    return EngineFixtures.encrypted(
        TestPdf.of("Behind a password"),
        dir.resolve("locked.pdf"),
        EngineFixtures.protection(SECRET));
  }

  private ConversionRuntime runtime(String... passwords) {
    ConvertALot.Builder b =
        ConvertALot.builder()
            .dataRoot(dir.resolve("data"))
            .serviceLoader(false)
            .backend(PdfBoxBackend.createWithoutRecognition())
            .workers(1)
            .maxAttempts(1)
            .pollInterval(Duration.ofMillis(10));
    for (String p : passwords) {
      b.password(p);
    }
    return b.build();
  }

  private static ConversionRequest request(Path file) {
    return ConversionRequest.builder(file).policy(Policy.CPU_ONLY).build();
  }

  @Test
  void theRightPasswordAmongOthersOpensItAndIsNeverStored() throws Exception {
    Path file = locked();
    try (ConversionRuntime runtime = runtime("wrong-one", SECRET)) {
      String markdown = runtime.convert(request(file)).markdown();
      assertTrue(markdown.contains("Behind a password"), markdown);
    }
    try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(SECRET), "the password is in " + f);
      }
    }
  }

  @Test
  void noPasswordThatOpensItIsEncryptedWithoutSayingThePasswords() {
    Path file = locked();
    try (ConversionRuntime runtime = runtime("wrong-one", "wrong-two")) {
      ExecutionException e =
          assertThrows(
              ExecutionException.class, () -> runtime.submit(request(file)).result().get());
      InvalidInputException cause = (InvalidInputException) e.getCause();
      assertEquals("encrypted", cause.details().get("reason"));
      assertEquals("2", cause.details().get("passwords_tried"));
      assertFalse(cause.getMessage().contains("wrong-one"), cause.getMessage());
    }
  }
}
