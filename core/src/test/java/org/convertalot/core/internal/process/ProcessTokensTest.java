package org.convertalot.core.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cleanup of dead processes' leftovers trusts host, boot and pid namespace, not the pid alone
 * (issue 15, item 11): a process in another pid namespace (a container) sharing the data root may
 * reuse a pid that is dead here, and its files must stay.
 */
class ProcessTokensTest {
  @TempDir Path dir;

  @Test
  void aProcessInAnotherPidNamespaceHasAnotherScopeAndIsNeverJudgedDeadFromHere() throws Exception {
    List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc"));
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx64m");
    command.add("-cp");
    // This JVM's module path and class path, flattened: the child needs no module boundaries.
    command.add(
        String.join(
            java.io.File.pathSeparator,
            System.getProperty("jdk.module.path", ""),
            System.getProperty("java.class.path", "")));
    command.add(PrintProcessPrefix.class.getName());
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "no unshare(1) to make a pid namespace: " + e);
      return;
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assumeTrue(
        p.exitValue() == 0, "cannot make a pid namespace here (needs root or user ns): " + out);
    String childPrefix = out.lines().reduce((a, b) -> b).orElseThrow();
    ProcessTokens here = ProcessTokens.current();
    System.out.println(
        "child in its own pid namespace: " + childPrefix + ", here: " + here.prefix());
    assertNotEquals(scope(here.prefix()), scope(childPrefix), "the namespace changes the scope");
    // The child was pid 1 (or close) in its namespace and has exited; from here it is not ours to
    // judge, whatever the pid.
    assertFalse(here.ownerIsDead(childPrefix + "run-x", true));
  }

  @Test
  void reopeningARootKeepsTempFilesOfOtherScopesAndRemovesOurDeadOnes() throws Exception {
    Path root = dir.resolve("root");
    JobStores.openFileStore(root, "t", MutableClock.atEpochDay()).close();
    long deadPid = deadPid();
    String ourScope = scope(ProcessTokens.current().prefix());
    String otherScope = ourScope.equals("00000000") ? "11111111" : "00000000";
    Path tmp = root.resolve("tmp");
    Path ours = Files.writeString(tmp.resolve(ourScope + "-" + deadPid + "-abcd1234-1.tmp"), "x");
    Path theirs =
        Files.writeString(tmp.resolve(otherScope + "-" + deadPid + "-abcd1234-1.tmp"), "x");
    try (JobStore reopened = JobStores.openFileStore(root, "t", MutableClock.atEpochDay())) {
      assertFalse(Files.exists(ours), "a dead process of this scope left it: removed");
      assertTrue(Files.exists(theirs), "a process of another host or container may be alive");
      assertEquals(0, reopened.quarantined().size());
    }
  }

  private static String scope(String prefix) {
    return prefix.substring(0, prefix.indexOf('-'));
  }

  /** The pid of a process that has just ended. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
