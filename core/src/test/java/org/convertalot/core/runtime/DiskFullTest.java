package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Policy;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.error.ConversionException;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.store.VerifyReport;
import org.convertalot.core.testing.Await;
import org.convertalot.core.testing.TestBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data root on a real, small file system (tmpfs) that fills up: conversions fail with {@code
 * store_unavailable}, no partial artifact becomes visible, and every job completes once space
 * returns. Needs permission to mount a tmpfs (root on Linux); skipped with the reason otherwise.
 */
class DiskFullTest {
  @TempDir Path dir;
  private Path mount;
  private boolean mounted;

  @BeforeEach
  void mountSmallFileSystem() throws Exception {
    mount = dir.resolve("small-disk");
    Files.createDirectories(mount);
    String why;
    try {
      Process p =
          new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      mounted = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      why = out.strip();
    } catch (IOException e) {
      why = e.toString();
    }
    assumeTrue(mounted, "cannot mount a 3 MiB tmpfs to fill up (needs root on Linux): " + why);
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aFullDiskFailsConversionsWithoutPartialArtifactsAndWorkResumesWithSpace() throws Exception {
    Path data = mount.resolve("data");
    String bigMarkdown = "A line of converted text that fills the disk.\n".repeat(8_000); // ~370 KB
    CountDownLatch sawFullDisk = new CountDownLatch(1);
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              if (Files.exists(data.resolveSibling("filler"))) {
                sawFullDisk.countDown();
              }
              return BackendOutput.onCpu("# " + in.source().name() + "\n\n" + bigMarkdown, 1);
            });
    List<JobHandle> jobs = new ArrayList<>();
    try (ConversionRuntime runtime = fastRuntime(data, engine).maxAttempts(100).build()) {
      runtime.pause();
      for (int i = 0; i < 4; i++) {
        Path source = dir.resolve("in-" + i + ".pdf");
        Files.writeString(source, "%PDF-1.4 source " + i);
        jobs.add(runtime.submit(ConversionRequest.builder(source).policy(Policy.CPU_ONLY).build()));
      }
      // Room for small records (a few KB each), none for a ~370 KB artifact.
      long filled = fillLeaving(mount.resolve("filler"), 150 * 1024);
      assertTrue(filled > 0, "the filler took the free space");
      runtime.resume();
      assertTrue(sawFullDisk.await(60, TimeUnit.SECONDS), "the engine ran while the disk was full");
      // Give the workers a few failing rounds on the full disk; nothing may appear meanwhile.
      Await.until(
          "a conversion failed for lack of space",
          () ->
              runtime.status().counters().retried() + runtime.status().counters().leasesLost() > 0
                  || stuckRunning(runtime));
      assertEquals(0, runtime.status().counters().succeeded());
      assertEquals(List.of(), visibleArtifacts(data), "no partial artifact is visible");

      Files.delete(mount.resolve("filler"));
      for (JobHandle h : jobs) {
        assertTrue(h.result().get(120, TimeUnit.SECONDS).markdown().endsWith("fills the disk.\n"));
      }
    }
    try (JobStore store =
        JobStores.openFileStore(data, JobStores.DEFAULT_NAMESPACE, Clock.systemUTC())) {
      VerifyReport report = store.verify();
      assertTrue(report.clean(), report.violations().toString());
      assertEquals(4, report.artifactsChecked());
    }
  }

  /**
   * A disk that stays full (issue 15, item 9): before, the runtime waited forever for jobs it could
   * neither claim nor end, and {@code convert} never printed its summary. Now every awaited result
   * ends with {@code store_unavailable} once the store has failed every write for the outage
   * timeout, the runtime closes, and the jobs are still in the store, unharmed.
   */
  @Test
  void aDiskThatStaysFullEndsEveryAwaitedResultWithStoreUnavailable() throws Exception {
    Path data = mount.resolve("data");
    String bigMarkdown = "A line of converted text that fills the disk.\n".repeat(8_000);
    TestBackend engine = TestBackend.cpu((in, ctx) -> BackendOutput.onCpu(bigMarkdown, 1));
    List<JobHandle> jobs = new ArrayList<>();
    try (ConversionRuntime runtime =
        fastRuntime(data, engine).storeOutageTimeout(Duration.ofSeconds(2)).build()) {
      runtime.pause();
      for (int i = 0; i < 4; i++) {
        Path source = dir.resolve("in-" + i + ".pdf");
        Files.writeString(source, "%PDF-1.4 source " + i);
        jobs.add(runtime.submit(ConversionRequest.builder(source).policy(Policy.CPU_ONLY).build()));
      }
      assertTrue(fillLeaving(mount.resolve("filler"), 0) > 0, "the filler took the free space");
      runtime.resume();
      for (JobHandle h : jobs) {
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> h.result().get(120, TimeUnit.SECONDS));
        ConversionException cause = assertInstanceOf(ConversionException.class, e.getCause());
        assertEquals("store_unavailable", cause.code(), cause.toString());
      }
      assertEquals(List.of(), visibleArtifacts(data), "no partial artifact is visible");
    }
    Files.delete(mount.resolve("filler"));
    try (JobStore store =
        JobStores.openFileStore(data, JobStores.DEFAULT_NAMESPACE, Clock.systemUTC())) {
      assertEquals(4, store.list(PageRequest.first(10)).jobs().size());
      VerifyReport report = store.verify();
      assertTrue(report.clean(), report.violations().toString());
    }
  }

  /** Two workers, fast heartbeats, reaps and polls, so a full disk shows within milliseconds. */
  private ConvertALot.Builder fastRuntime(Path data, TestBackend engine) {
    return ConvertALot.builder()
        .dataRoot(data)
        .tempRoot(dir.resolve("run-temp"))
        .serviceLoader(false)
        .backend(engine)
        .workers(2)
        .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
        .heartbeatInterval(Duration.ofMillis(50))
        .staleAfter(Duration.ofMillis(200))
        .reaperInterval(Duration.ofMillis(50))
        .pollInterval(Duration.ofMillis(10));
  }

  private static boolean stuckRunning(ConversionRuntime runtime) {
    return !runtime.status().running().isEmpty() && runtime.status().counters().reaped() > 0;
  }

  /** Writes until the file system refuses, then gives back {@code keepFree} bytes. */
  private static long fillLeaving(Path filler, long keepFree) throws IOException {
    long written = 0;
    byte[] block = new byte[16 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        written += block.length;
      }
    } catch (IOException expectedWhenFull) {
      // Full now.
    }
    long keep = Math.max(0, Files.size(filler) - keepFree);
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(filler, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(keep);
    }
    return keep;
  }

  private static List<Path> visibleArtifacts(Path data) throws IOException {
    try (Stream<Path> files = Files.walk(data.resolve("artifacts"))) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
