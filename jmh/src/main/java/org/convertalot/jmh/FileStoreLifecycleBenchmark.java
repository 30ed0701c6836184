package org.convertalot.jmh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.Limits;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.StagedArtifact;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The job lifecycle on the file store (submit, claim, stage, complete: four durable transitions)
 * against a baseline of four bare durable atomic file replacements in the same run, so the store's
 * overhead over the file system is read as a ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class FileStoreLifecycleBenchmark {
  private static final WorkerIdentity WORKER = new WorkerIdentity("bench", 1, "b");
  private static final byte[] MARKDOWN =
      "# Title\n\nA paragraph of converted text.\n".repeat(50).getBytes(StandardCharsets.UTF_8);

  private Path dir;
  private JobStore store;
  private final AtomicLong counter = new AtomicLong();

  /** Opens a fresh data root per trial. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("convertalot-jmh-");
    store = JobStores.openFileStore(dir.resolve("root"), "bench", Clock.systemUTC());
    Files.createDirectories(dir.resolve("baseline"));
  }

  /** Deletes the data root. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** One job from submit to SUCCEEDED with a verified artifact. */
  @Benchmark
  public JobSnapshot lifecycle() {
    long n = counter.incrementAndGet();
    String sha = String.format("%064x", n);
    NewJob job =
        new NewJob(
            new SourceRef("/bench/" + n + ".pdf", n + ".pdf", sha, 1000),
            Policy.CPU_ONLY,
            null,
            Map.of(),
            Limits.DEFAULTS,
            3);
    store.submit(job);
    JobSnapshot running = store.claim(WORKER).orElseThrow();
    StagedArtifact staged = store.stage(running.id(), running.runId(), MARKDOWN);
    ArtifactManifest manifest =
        ArtifactManifest.builder(running)
            .artifact(staged.sha256(), staged.size())
            .engine("bench", "1")
            .pages(1)
            .createdAt(store.now())
            .build();
    return store.complete(running.id(), running.runId(), staged, manifest, Map.of());
  }

  /** Baseline: four durable atomic replacements of a small file, the floor of any durable store. */
  @Benchmark
  public long baselineFourDurableRenames() throws IOException {
    Path base = dir.resolve("baseline");
    long n = counter.incrementAndGet();
    for (int i = 0; i < 4; i++) {
      Path tmp = base.resolve(n + "-" + i + ".tmp");
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(MARKDOWN));
        ch.force(true);
      }
      Files.move(
          tmp,
          base.resolve("f" + i),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel d = FileChannel.open(base, StandardOpenOption.READ)) {
        d.force(true);
      }
    }
    return n;
  }
}
