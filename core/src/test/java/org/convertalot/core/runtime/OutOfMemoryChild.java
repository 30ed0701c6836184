package org.convertalot.core.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobHandle;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.Policy;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.BackendOutput;
import org.convertalot.api.error.ConversionException;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.testing.Await;
import org.convertalot.core.testing.FaultyStore;
import org.convertalot.core.testing.TestBackend;

/**
 * The child JVM of {@link OutOfMemoryChildTest}, run with a small heap: an engine fills the heap
 * for real, so that every thread of the runtime meets {@link OutOfMemoryError}s, then a slow job
 * checks that heartbeats still advance and a normal job that workers still convert. Prints one line
 * per finding, then {@code closed} after the runtime closed.
 */
public final class OutOfMemoryChild {
  private OutOfMemoryChild() {}

  /** How long the hog keeps the heap full at most, while the runtime's threads work. */
  private static final Duration HOLD = Duration.ofSeconds(2);

  private static final Throwable[] DIED = new Throwable[16];
  private static final Thread[] DIED_THREADS = new Thread[16];
  private static final java.util.concurrent.atomic.AtomicInteger DEATHS =
      new java.util.concurrent.atomic.AtomicInteger();

  public static void main(String[] args) throws Exception {
    Thread.setDefaultUncaughtExceptionHandler(
        (t, e) -> {
          int i = DEATHS.getAndIncrement();
          if (i < DIED.length) {
            DIED[i] = e;
            DIED_THREADS[i] = t;
          }
        });
    Path dir = Path.of(args[0]);
    FaultyStore store =
        new FaultyStore(JobStores.openFileStore(dir.resolve("data"), "oom", Clock.systemUTC()));
    AtomicReference<ConversionRuntime> runtime = new AtomicReference<>();
    TestBackend engine =
        TestBackend.cpu(
            (in, ctx) -> {
              String name = in.source().name();
              if (name.startsWith("hog")) {
                return hog(store);
              }
              if (name.startsWith("slow")) {
                return heartbeatsAdvance(runtime.get(), store, ctx);
              }
              ctx.progress(1, 1);
              return BackendOutput.onCpu("converted " + name, 1);
            });
    ConversionRuntime rt =
        ConvertALot.builder()
            .store(store)
            .tempRoot(dir.resolve("work"))
            .serviceLoader(false)
            .backend(engine)
            .workers(2)
            .maxAttempts(2)
            .pollInterval(Duration.ofMillis(10))
            .heartbeatInterval(Duration.ofMillis(20))
            .reaperInterval(Duration.ofMillis(50))
            .retryBackoff(Duration.ZERO, Duration.ZERO)
            .build();
    runtime.set(rt);

    JobHandle hog = rt.submit(request(dir, "hog.pdf"));
    String outcome;
    try {
      hog.result().get(60, TimeUnit.SECONDS);
      outcome = "succeeded";
    } catch (java.util.concurrent.ExecutionException e) {
      outcome =
          e.getCause() instanceof ConversionException c
              ? c.code() + " " + c.details().get("reason")
              : "untyped " + e.getCause();
    }
    JobSnapshot hogJob = rt.job(hog.id());
    System.out.println(
        "hog: " + outcome + ", " + hogJob.state() + " after " + hogJob.attempt() + " attempts");
    System.out.println("threads: " + runtimeThreads());
    System.out.println("slow: " + convert(rt, dir, "slow.pdf"));
    System.out.println("normal: " + convert(rt, dir, "normal.pdf"));
    System.out.println("engine calls: " + engine.calls());
    for (int i = 0; i < Math.min(DEATHS.get(), DIED.length); i++) {
      System.out.println("died: " + DIED_THREADS[i].getName());
      DIED[i].printStackTrace(System.out);
    }
    rt.close();
    store.close();
    System.out.println("closed");
  }

  /**
   * Fills the heap down to the last small object, keeps it full a while, then throws. Meanwhile the
   * store's operations fail with the same error, without entering the file store, whose locks are
   * not built to survive an Error thrown inside them: this is about the runtime's threads.
   */
  private static BackendOutput hog(FaultyStore store) {
    OutOfMemoryError heapFull = new OutOfMemoryError("Java heap space (the store's allocation)");
    OutOfMemoryError last =
        store.starved(
            heapFull,
            () -> {
              List<Object> hog = new ArrayList<>();
              OutOfMemoryError thrown = null;
              for (int size = 1 << 16; size >= 1; size /= 2) {
                try {
                  while (true) {
                    hog.add(new long[size]);
                  }
                } catch (OutOfMemoryError e) {
                  thrown = e;
                }
              }
              // The heap is full: the heartbeat, maintenance and worker threads fail to
              // allocate. An allocation-free wait until heartbeats were tried or the hold is over.
              int heartbeats = store.calls("heartbeat");
              long until = System.nanoTime() + HOLD.toNanos();
              while (store.calls("heartbeat") < heartbeats + 3 && System.nanoTime() < until) {
                Thread.onSpinWait();
              }
              hog.clear();
              return thrown;
            });
    throw last;
  }

  private static BackendOutput heartbeatsAdvance(
      ConversionRuntime rt, FaultyStore store, BackendContext ctx) {
    Instant first = rt.job(ctx.jobId()).heartbeatAt();
    int calls = store.calls("heartbeat");
    boolean advanced =
        Await.within(
            Duration.ofSeconds(20),
            () ->
                store.calls("heartbeat") >= calls + 3
                    && rt.job(ctx.jobId()).heartbeatAt().isAfter(first));
    ctx.progress(1, 1);
    return BackendOutput.onCpu(advanced ? "heartbeats advance" : "heartbeats stopped", 1);
  }

  private static String convert(ConversionRuntime rt, Path dir, String name) {
    try {
      return rt.submit(request(dir, name)).result().get(60, TimeUnit.SECONDS).markdown().trim();
    } catch (Exception e) {
      return "failed: " + e;
    }
  }

  private static ConversionRequest request(Path dir, String name) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "%PDF-1.4 fake body of " + name);
    return ConversionRequest.builder(file).policy(Policy.CPU_ONLY).build();
  }

  /** The names of the runtime's threads that are alive, sorted. */
  private static String runtimeThreads() {
    TreeSet<String> names = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive()
          && t.getName().startsWith("convertalot-")
          && !t.getName().startsWith("convertalot-engine")) {
        names.add(t.getName());
      }
    }
    return String.join(" ", names);
  }
}
