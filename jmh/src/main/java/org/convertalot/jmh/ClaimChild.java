package org.convertalot.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;

/**
 * The second process of {@link ClaimContentionBenchmark}: opens the file store on the data root
 * given as its one argument, prints {@value #READY}, then claims on one thread as fast as it can
 * until its stdin closes, and prints {@value #CLAIMED} with the number of its claims.
 */
final class ClaimChild {
  /** The line printed once the store is open and claiming starts. */
  static final String READY = "claim-child:ready";

  /** The first word of the last line. */
  static final String CLAIMED = "claim-child:claimed";

  private ClaimChild() {}

  /**
   * Runs the child.
   *
   * @param args the data root
   * @throws Exception when the store fails
   */
  public static void main(String[] args) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Thread watcher =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() >= 0) {
                  // Anything before end of input is ignored.
                }
              } catch (IOException e) {
                // Treated as end of input.
              }
              stop.set(true);
            },
            "claim-child-stdin");
    watcher.setDaemon(true);
    long claims = 0;
    WorkerIdentity me = new WorkerIdentity("jmh-child", ProcessHandle.current().pid(), "c");
    try (JobStore store =
        JobStores.openFileStore(Path.of(args[0]), JobStores.DEFAULT_NAMESPACE, Clock.systemUTC())) {
      watcher.start();
      System.out.println(READY);
      System.out.flush();
      while (!stop.get()) {
        if (store.claim(me).isPresent()) {
          claims++;
        } else {
          Thread.sleep(1);
        }
      }
    }
    System.out.println(CLAIMED + " " + claims);
    System.out.flush();
  }
}
