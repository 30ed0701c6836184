package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.error.InvalidInputException;
import org.convertalot.api.error.InvalidInputReason;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.core.testing.TestBackend;
import org.convertalot.core.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests from bytes or a stream: copied once at submit, deleted when their job ends. */
class ContentRequestTest {
  private static final byte[] PDF = "%PDF-1.4 in memory".getBytes(StandardCharsets.US_ASCII);
  @TempDir Path dir;

  private Path sources() {
    return dir.resolve("data/sources");
  }

  private List<Path> copies() throws Exception {
    if (!Files.isDirectory(sources())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(sources())) {
      return s.toList();
    }
  }

  @Test
  void bytesAndStreamsConvertUnderTheirNameAndTheirCopyIsGoneWhenTheJobEnds() throws Exception {
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, TestBackend.echo()).build()) {
      ConversionResult fromBytes =
          runtime.convert(
              ConversionRequest.builder(PDF, "memo.pdf").policy(Policy.CPU_ONLY).build());
      assertEquals("# memo.pdf\n\nconverted\n", fromBytes.markdown());
      assertEquals("memo.pdf", fromBytes.manifest().source().name());
      assertEquals(Hashing.sha256Hex(PDF), fromBytes.manifest().source().sha256());
      assertEquals(PDF.length, fromBytes.manifest().source().size());
      try (InputStream md = fromBytes.openMarkdown()) {
        assertArrayEquals(fromBytes.markdownBytes(), md.readAllBytes());
      }
      assertEquals(List.of(), copies(), "the job ended: its copy is deleted");

      // The same bytes from a stream are the same job: the second copy is deleted at once.
      ConversionRequest streamed =
          ConversionRequest.builder(new ByteArrayInputStream(PDF), "memo.pdf")
              .policy(Policy.CPU_ONLY)
              .build();
      JobHandle again = runtime.submit(streamed);
      assertFalse(again.created());
      assertEquals(fromBytes.jobId(), again.id());
      assertEquals(List.of(), copies());
      InvalidRequestException reread =
          assertThrows(InvalidRequestException.class, () -> runtime.submit(streamed));
      assertEquals("invalid_request", reread.code());
    }
  }

  @Test
  void aStreamOverTheSizeLimitIsRefusedAtSubmitAndLeavesNothing() throws Exception {
    try (ConversionRuntime runtime = TestRuntimes.builder(dir, TestBackend.echo()).build()) {
      ConversionRequest big =
          ConversionRequest.builder(new ByteArrayInputStream(new byte[4096]), "big.pdf")
              .policy(Policy.CPU_ONLY)
              .limits(Limits.DEFAULTS.withMaxBytes(1024))
              .build();
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> runtime.submit(big));
      assertEquals(InvalidInputReason.TOO_LARGE, e.reason().orElseThrow());
      assertEquals(List.of(), copies());
    }
  }

  @Test
  void namesThatArePathsAreRefused() {
    for (String name : new String[] {"", " ", "../x.pdf", "a/b.pdf", "a\\b.pdf", "..", "a\nb"}) {
      assertThrows(InvalidRequestException.class, () -> ConversionRequest.builder(PDF, name), name);
    }
  }

  @Test
  void aStartDeletesOldCopiesNoUnfinishedJobNeedsAndKeepsTheOthers() throws Exception {
    // A queued job whose copy must stay: submitted by a runtime without workers.
    Path needed;
    try (ConversionRuntime runtime =
        TestRuntimes.builder(dir, TestBackend.echo()).workers(0).build()) {
      runtime.submit(ConversionRequest.builder(PDF, "queued.pdf").policy(Policy.CPU_ONLY).build());
      needed = copies().get(0);
    }
    Path orphan = sources().resolve("source-left-by-a-dead-process.pdf");
    Path young = sources().resolve("source-of-a-submit-in-progress.pdf");
    Files.write(orphan, PDF);
    Files.write(young, PDF);
    FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
    Files.setLastModifiedTime(orphan, old);
    Files.setLastModifiedTime(needed, old);
    try (ConversionRuntime runtime =
        TestRuntimes.builder(dir, TestBackend.echo()).workers(0).build()) {
      assertFalse(Files.exists(orphan), "no job names it");
      assertTrue(Files.exists(needed), "its job is still queued");
      assertTrue(Files.exists(young), "younger than the orphan age");
    }
  }
}
