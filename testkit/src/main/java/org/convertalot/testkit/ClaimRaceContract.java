package org.convertalot.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.SubmitResult;
import org.convertalot.core.store.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Invariant O across processes: {@link #processes()} worker JVMs of {@link #threadsPerProcess()}
 * threads each race for the same {@link #jobs()} jobs on one store. It is the cross-process half of
 * {@link JobStoreContract}'s thread race, for any store that more than one process may share.
 *
 * <p>The test submits the jobs, starts the worker JVMs (this JVM's {@code java} and class path, so
 * the store's classes and its factory must be on the test class path), lets them all go at once
 * when every one has opened the store, and waits for them: each thread claims, stages and completes
 * until a claim finds nothing and no job is QUEUED. No reaper runs and no clock moves, so no job
 * may be claimed twice. It then asserts that every worker exited 0; that the workers' reports name
 * every job exactly once; that every job is SUCCEEDED after one attempt, by the run and the owner
 * that reported it, each with its own run id; that more than one process claimed jobs; and that
 * {@code verify()} is clean and checked one artifact per job. It prints one line with the jobs, the
 * workers, the time and the rate.
 *
 * <p>Extend it, name your {@link JobStoreFactory} in {@link #storeFactory()} and a fresh, empty
 * store in {@link #newStoreLocation()}:
 *
 * <pre>{@code
 * class MyStoreClaimRaceTest extends ClaimRaceContract {
 *   public static final class Factory implements JobStoreFactory {
 *     @Override
 *     public JobStore open(String jdbcUrl) {
 *       return MyStore.open(jdbcUrl);
 *     }
 *   }
 *
 *   @Override
 *   protected Class<? extends JobStoreFactory> storeFactory() {
 *     return Factory.class;
 *   }
 *
 *   @Override
 *   protected String newStoreLocation() {
 *     return createEmptySchema(); // a JDBC URL naming it
 *   }
 * }
 * }</pre>
 *
 * <p>The number of jobs defaults to {@value #DEFAULT_JOBS}; the system property {@value
 * #JOBS_PROPERTY} ({@code -Dconvertalot.race.jobs=5000}) or an override of {@link #jobs()} changes
 * it. The race must end within ten minutes; workers still running then are killed.
 */
public abstract class ClaimRaceContract {
  /** The system property that sets the number of jobs. */
  public static final String JOBS_PROPERTY = "convertalot.race.jobs";

  /** The number of jobs when {@value #JOBS_PROPERTY} is not set. */
  public static final int DEFAULT_JOBS = 400;

  /** Creates the suite; a subclass supplies the hooks. */
  protected ClaimRaceContract() {}

  /**
   * The factory the test and every worker JVM open the store with: a class with a public no-arg
   * constructor, on the test class path.
   *
   * @return the factory's class
   */
  protected abstract Class<? extends JobStoreFactory> storeFactory();

  /**
   * A fresh, empty store for one race, as the factory's {@link JobStoreFactory#open} takes it: for
   * a file store a new folder (under a {@code @TempDir}), for a database a JDBC URL of an empty
   * schema. Called once per test, before any store is opened. The workers read it on their stdin,
   * so it may carry credentials.
   *
   * @return the location
   * @throws Exception when it cannot be prepared
   */
  protected abstract String newStoreLocation() throws Exception;

  /**
   * How many worker JVMs race; at least 2.
   *
   * @return 4 unless overridden
   */
  protected int processes() {
    return 4;
  }

  /**
   * How many threads claim in each worker JVM.
   *
   * @return 4 unless overridden
   */
  protected int threadsPerProcess() {
    return 4;
  }

  /**
   * How many jobs the workers race for.
   *
   * @return the value of {@value #JOBS_PROPERTY}, else {@value #DEFAULT_JOBS}
   */
  protected int jobs() {
    return Integer.getInteger(JOBS_PROPERTY, DEFAULT_JOBS);
  }

  /**
   * The options of every worker JVM, before its class path; add system properties your store reads
   * here.
   *
   * @return a small heap and the serial collector unless overridden, since the workers share the
   *     machine
   */
  protected List<String> workerJvmOptions() {
    return List.of("-Xmx256m", "-XX:+UseSerialGC");
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void everyJobIsClaimedByExactlyOneRunAcrossWorkerProcesses() throws Exception {
    int processes = processes();
    int threads = threadsPerProcess();
    int jobs = jobs();
    assertTrue(processes >= 2, "a race across processes needs two of them: " + processes);
    assertTrue(threads >= 1 && jobs >= 1, "threads and jobs: " + threads + ", " + jobs);
    Class<? extends JobStoreFactory> factoryType = storeFactory();
    JobStoreFactory factory = ClaimRaceWorker.instantiate(factoryType);
    String location = newStoreLocation();

    long submitStart = System.nanoTime();
    Set<JobId> submitted = submit(factory, location, jobs);
    double submitSeconds = seconds(submitStart, System.nanoTime());

    List<Worker> workers = new ArrayList<>();
    long launch = System.nanoTime();
    long go;
    long end;
    try {
      List<String> command = workerCommand(factoryType, threads);
      for (int p = 0; p < processes; p++) {
        workers.add(Worker.start(p, command, location));
      }
      for (Worker w : workers) {
        w.ready.await();
        assertTrue(w.sawReady, () -> w + " did not open the store:\n" + w.err());
      }
      go = System.nanoTime();
      for (Worker w : workers) {
        w.go();
      }
      for (Worker w : workers) {
        w.process.waitFor();
      }
      end = System.nanoTime();
      for (Worker w : workers) {
        w.drained();
        assertEquals(0, w.process.exitValue(), () -> w + " failed:\n" + w.err());
      }
    } finally {
      for (Worker w : workers) {
        w.process.destroyForcibly();
      }
    }

    List<Integer> perProcess = new ArrayList<>();
    Map<JobId, Claim> claims = claimsOfEachJob(workers, submitted, perProcess);
    String described;
    try (JobStore store = factory.open(location)) {
      described = store.describe();
      assertEveryJobSucceededOnceAsReported(store, claims);
    }
    double raceSeconds = seconds(go, end);
    System.out.printf(
        "claim race on %s: %d jobs, %d processes x %d threads, claims per process %s;"
            + " submit %.1f s, workers up %.1f s, race %.1f s (%.0f jobs/s);"
            + " 0 double claims, 0 violations%n",
        described,
        jobs,
        processes,
        threads,
        perProcess,
        submitSeconds,
        seconds(launch, go),
        raceSeconds,
        jobs / raceSeconds);
    assertTrue(
        perProcess.stream().filter(n -> n > 0).count() > 1,
        "more than one process claimed jobs: " + perProcess);
  }

  private static double seconds(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e9;
  }

  private static Set<JobId> submit(JobStoreFactory factory, String location, int jobs) {
    Set<JobId> submitted = new HashSet<>();
    try (JobStore store = factory.open(location)) {
      for (int i = 0; i < jobs; i++) {
        SubmitResult r = store.submit(StoreJobs.job("claim-race-" + i));
        assertTrue(r.created(), () -> "a fresh store already had " + r.job());
        submitted.add(r.job().id());
      }
    }
    return submitted;
  }

  /**
   * The workers' reports, checked: no job claimed twice, every submitted job claimed, nothing else;
   * {@code perProcess} gets the number of claims of each worker.
   */
  private static Map<JobId, Claim> claimsOfEachJob(
      List<Worker> workers, Set<JobId> submitted, List<Integer> perProcess) {
    Map<JobId, Claim> claims = new HashMap<>();
    List<String> doubleClaims = new ArrayList<>();
    for (Worker w : workers) {
      List<Claim> mine = w.claims();
      perProcess.add(mine.size());
      for (Claim c : mine) {
        Claim earlier = claims.putIfAbsent(c.job(), c);
        if (earlier != null) {
          doubleClaims.add(c.job() + " by " + earlier + " and " + c);
        }
      }
    }
    assertTrue(
        doubleClaims.isEmpty(),
        () -> doubleClaims.size() + " jobs claimed twice: " + sample(doubleClaims));
    Set<JobId> unclaimed = new HashSet<>(submitted);
    unclaimed.removeAll(claims.keySet());
    Set<JobId> unknown = new HashSet<>(claims.keySet());
    unknown.removeAll(submitted);
    assertTrue(
        unclaimed.isEmpty() && unknown.isEmpty(),
        () ->
            unclaimed.size()
                + " submitted jobs no worker claimed "
                + sample(unclaimed)
                + ", "
                + unknown.size()
                + " claimed jobs never submitted "
                + sample(unknown)
                + "; claims per process "
                + perProcess);
    return claims;
  }

  /** The store after the race agrees with the reports, and verifies clean. */
  private static void assertEveryJobSucceededOnceAsReported(
      JobStore store, Map<JobId, Claim> claims) {
    List<JobSnapshot> all = StoreJobs.listAll(store);
    assertEquals(claims.size(), all.size(), "jobs in the store");
    Set<String> runIds = new HashSet<>();
    for (JobSnapshot job : all) {
      Claim claim = claims.get(job.id());
      assertNotNull(claim, () -> "no worker reported " + job);
      assertEquals(JobState.SUCCEEDED, job.state(), job::toString);
      assertEquals(1, job.attempt(), () -> "claimed more than once: " + job);
      assertNotNull(job.manifest(), job::toString);
      assertEquals(claim.runId(), job.manifest().runId(), () -> "the run that reported " + job);
      assertEquals(claim.owner(), job.owner(), () -> "the owner that reported " + job);
      assertTrue(runIds.add(job.manifest().runId()), () -> "a run id used twice: " + job);
    }
    VerifyReport report = store.verify();
    assertTrue(report.clean(), report.violations()::toString);
    assertEquals(all.size(), report.artifactsChecked(), "artifacts checked");
  }

  private static String sample(Collection<?> items) {
    return items.stream().limit(5).map(String::valueOf).toList() + (items.size() > 5 ? " ..." : "");
  }

  private List<String> workerCommand(Class<? extends JobStoreFactory> factoryType, int threads) {
    List<String> command =
        ChildJvm.command(workerJvmOptions(), ClaimRaceWorker.class, factoryType, JobStore.class);
    command.add(factoryType.getName());
    command.add(Integer.toString(threads));
    return command;
  }

  /** One claim a worker reported. */
  private record Claim(JobId job, String runId, WorkerIdentity owner) {}

  /** A worker JVM, its stdout and stderr read as they come, so that no pipe fills up. */
  private static final class Worker {
    private final int index;
    private final Process process;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer err = new StringBuffer();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean sawReady;

    private Worker(int index, Process process) {
      this.index = index;
      this.process = process;
    }

    static Worker start(int index, List<String> command, String location) throws IOException {
      Worker w = new Worker(index, new ProcessBuilder(command).start());
      w.read(
          w.process.getInputStream(),
          "out",
          line -> {
            w.out.add(line);
            if (line.equals(ClaimRaceWorker.READY)) {
              w.sawReady = true;
              w.ready.countDown();
            }
          });
      w.read(w.process.getErrorStream(), "err", line -> w.err.append(line).append('\n'));
      OutputStream in = w.process.getOutputStream();
      in.write((location + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
      return w;
    }

    private void read(InputStream stream, String name, Consumer<String> sink) {
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                  for (String line = r.readLine(); line != null; line = r.readLine()) {
                    sink.accept(line);
                  }
                } catch (IOException e) {
                  err.append("reading ").append(name).append(": ").append(e).append('\n');
                } finally {
                  // Ended before it was ready: the test reports its stderr.
                  ready.countDown();
                }
              },
              "claim-race-worker-" + index + "-" + name);
      reader.setDaemon(true);
      readers.add(reader);
      reader.start();
    }

    /** The start signal: one line, then end of input. */
    void go() throws IOException {
      try (OutputStream in = process.getOutputStream()) {
        in.write("go\n".getBytes(StandardCharsets.UTF_8));
      }
    }

    /** Waits until everything the ended process wrote has been read. */
    void drained() throws InterruptedException {
      for (Thread reader : readers) {
        reader.join();
      }
    }

    String err() {
      return err.toString();
    }

    List<Claim> claims() {
      List<Claim> claims = new ArrayList<>();
      String done = null;
      synchronized (out) {
        for (String line : out) {
          String[] words = line.split(" ");
          if (words[0].equals(ClaimRaceWorker.CLAIMED) && words.length == 4) {
            WorkerIdentity owner =
                new WorkerIdentity(ClaimRaceWorker.HOST, process.pid(), words[3]);
            claims.add(new Claim(JobId.of(words[1]), words[2], owner));
          } else if (words[0].equals(ClaimRaceWorker.DONE) && words.length == 2) {
            done = words[1];
          }
        }
      }
      assertEquals(
          Integer.toString(claims.size()), done, () -> this + " reported all its claims\n" + err());
      return claims;
    }

    @Override
    public String toString() {
      return "worker " + index + " (pid " + process.pid() + ")";
    }
  }
}
