package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.store.VerifyReport;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code invalid_input} reason from real malformed files, through the runtime and the real
 * PDFBox engine found by ServiceLoader: each bad job ends FAILED with its reason on its first
 * attempt, and the good jobs beside them succeed untouched.
 */
class InvalidInputJobsTest {
  @TempDir Path dir;

  @Test
  void everyBadInputFailsItsOwnJobOnlyWithItsReason() throws Exception {
    Path good = TestPdf.write(dir.resolve("good.pdf"), "first page", "second page");
    Path notAPdf = NotAPdf.randomBytes(dir.resolve("random.pdf"), 42);
    Path empty = Files.write(dir.resolve("empty.pdf"), new byte[0]);
    byte[] valid = Files.readAllBytes(TestPdf.write(dir.resolve("whole.pdf"), "soon cut short"));
    Path truncated =
        Files.write(dir.resolve("truncated.pdf"), Arrays.copyOf(valid, valid.length * 2 / 5));
    Path encrypted = encrypted(dir.resolve("encrypted.pdf"));
    Path threePages = TestPdf.write(dir.resolve("three.pdf"), "1", "2", "3");
    Path big = TestPdf.write(dir.resolve("big.pdf"), "a page of a file over the byte limit");

    Map<Path, String> expectedReason = new LinkedHashMap<>();
    expectedReason.put(notAPdf, "not_a_pdf");
    expectedReason.put(empty, "empty");
    expectedReason.put(truncated, "corrupt");
    expectedReason.put(encrypted, "encrypted");
    expectedReason.put(threePages, "too_many_pages");
    expectedReason.put(big, "too_large");

    Path data = dir.resolve("data");
    try (ConversionRuntime runtime =
        ConvertALot.builder()
            .dataRoot(data)
            .workers(2)
            .retryBackoff(Duration.ZERO, Duration.ZERO)
            .build()) {
      JobHandle goodBefore = runtime.submit(cpuOnly(good, Limits.DEFAULTS));
      Map<Path, JobHandle> bad = new LinkedHashMap<>();
      for (Path p : expectedReason.keySet()) {
        Limits limits = Limits.DEFAULTS;
        if (p.equals(threePages)) {
          limits = limits.withMaxPages(2);
        } else if (p.equals(big)) {
          limits = limits.withMaxBytes(100);
        }
        bad.put(p, runtime.submit(cpuOnly(p, limits)));
      }
      Path other = TestPdf.write(dir.resolve("other.pdf"), "submitted after the bad ones");
      JobHandle goodAfter = runtime.submit(cpuOnly(other, Limits.DEFAULTS));

      for (Map.Entry<Path, JobHandle> e : bad.entrySet()) {
        ExecutionException thrown =
            assertThrows(
                ExecutionException.class,
                () -> e.getValue().result().get(60, TimeUnit.SECONDS).markdown(),
                e.getKey().toString());
        InvalidInputException cause =
            assertInstanceOf(InvalidInputException.class, thrown.getCause(), e.getKey().toString());
        String reason = expectedReason.get(e.getKey());
        assertEquals("invalid_input", cause.code());
        assertEquals(reason, cause.details().get("reason"), e.getKey() + ": " + cause);
        JobSnapshot job = runtime.job(e.getValue().id());
        assertEquals(JobState.FAILED, job.state());
        assertEquals(1, job.attempt(), "bad input is not retried: " + e.getKey());
        assertEquals(reason, job.error().details().get("reason"));
      }
      assertEquals(2, goodBefore.result().get(60, TimeUnit.SECONDS).pages());
      assertTrue(
          goodAfter
              .result()
              .get(60, TimeUnit.SECONDS)
              .markdown()
              .contains("submitted after the bad ones"));
    }
    try (JobStore store =
        JobStores.openFileStore(data, JobStores.DEFAULT_NAMESPACE, Clock.systemUTC())) {
      VerifyReport report = store.verify();
      assertTrue(report.clean(), report.violations().toString());
      assertEquals(2, report.artifactsChecked());
    }
  }

  private static ConversionRequest cpuOnly(Path p, Limits limits) {
    return ConversionRequest.builder(p).policy(Policy.CPU_ONLY).limits(limits).build();
  }

  /** A PDFBox transform of a kit-written PDF, since the kit does not encrypt: a user password. */
  /** A PDF that opens only with the password {@code user-secret}. */
  static Path encrypted(Path file) throws Exception {
    try (PDDocument doc = Loader.loadPDF(TestPdf.of("secret text"))) {
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      doc.save(file.toFile());
    }
    return file;
  }
}
