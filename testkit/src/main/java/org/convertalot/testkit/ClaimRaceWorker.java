package org.convertalot.testkit;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.core.store.JobStore;

/**
 * One worker JVM of {@link ClaimRaceContract}: opens the store with a {@link JobStoreFactory} and
 * runs threads that claim, stage and complete until no job is left QUEUED.
 *
 * <p>Arguments: the factory's class name and the number of threads. On stdin: the store's location
 * on the first line (so it never shows in a process listing), then any line to start. On stdout:
 * {@value #READY} once the store is open, then {@value #CLAIMED} with the job id, run id and worker
 * instance for each claim, then {@value #DONE} with the number of claims. Errors go to stderr, and
 * the exit status is 0 only when every thread ended without one.
 */
final class ClaimRaceWorker {
  /** The first word of every line of the protocol, so that anything else a store prints is not. */
  static final String PREFIX = "claim-race:";

  static final String READY = PREFIX + "ready";
  static final String CLAIMED = PREFIX + "claimed";
  static final String DONE = PREFIX + "done";

  /** The host every worker identity names; the process id tells the workers apart. */
  static final String HOST = "claim-race";

  private ClaimRaceWorker() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: ClaimRaceWorker FACTORY_CLASS THREADS (location on stdin)");
      System.exit(2);
    }
    JobStoreFactory factory = instantiate(Class.forName(args[0]));
    int threads = Integer.parseInt(args[1]);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String location = in.readLine();
    if (location == null) {
      System.err.println("no store location on stdin");
      System.exit(2);
    }
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    AtomicBoolean failed = new AtomicBoolean();
    try (JobStore store = factory.open(location)) {
      out.println(READY);
      out.flush();
      if (in.readLine() == null) {
        System.err.println("stdin closed before the start signal");
        System.exit(3);
      }
      long pid = ProcessHandle.current().pid();
      List<Thread> running = new ArrayList<>();
      int[] claims = new int[threads];
      for (int t = 0; t < threads; t++) {
        int slot = t;
        WorkerIdentity me = new WorkerIdentity(HOST, pid, "t" + t);
        Thread thread =
            new Thread(
                () -> {
                  try {
                    claims[slot] = drain(store, me, out);
                  } catch (Throwable e) {
                    failed.set(true);
                    synchronized (System.err) {
                      System.err.println(me + " failed:");
                      e.printStackTrace();
                    }
                  }
                },
                "claim-race-" + t);
        running.add(thread);
        thread.start();
      }
      int total = 0;
      for (int t = 0; t < threads; t++) {
        running.get(t).join();
        total += claims[t];
      }
      out.println(DONE + " " + total);
      out.flush();
    }
    System.exit(failed.get() || out.checkError() ? 1 : 0);
  }

  /**
   * Makes a factory with its no-arg constructor.
   *
   * @param type the factory class
   * @return a new factory
   */
  static JobStoreFactory instantiate(Class<?> type) throws ReflectiveOperationException {
    if (!JobStoreFactory.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(type.getName() + " does not implement JobStoreFactory");
    }
    Constructor<?> constructor;
    try {
      constructor = type.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          type.getName() + " needs a no-arg constructor to be made in a worker JVM", e);
    }
    if (!Modifier.isPublic(constructor.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
      constructor.setAccessible(true);
    }
    return (JobStoreFactory) constructor.newInstance();
  }

  /**
   * Claims and completes jobs until a claim finds nothing and no job is QUEUED. A claim may come
   * back empty while jobs are still queued (a store may skip jobs that another claim holds), so an
   * empty claim alone does not end the loop; no reaper runs, so nothing is queued again later.
   */
  private static int drain(JobStore store, WorkerIdentity me, PrintWriter out) {
    int mine = 0;
    while (true) {
      Optional<JobSnapshot> claimed = store.claim(me);
      if (claimed.isPresent()) {
        JobSnapshot job = claimed.get();
        out.println(CLAIMED + " " + job.id() + " " + job.runId() + " " + me.instance());
        StoreJobs.completeWith(store, job, "# " + job.id() + "\n\nrun " + job.runId() + "\n");
        mine++;
      } else if (store.counts().getOrDefault(JobState.QUEUED, 0L) == 0) {
        return mine;
      } else {
        Thread.yield();
      }
    }
  }
}
