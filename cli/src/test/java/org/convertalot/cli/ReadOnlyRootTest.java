package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} and {@code verify} on a data root mounted read-only (issue 15, item 9): before,
 * both refused to run because opening a root wrote a lock file. Needs permission to mount a tmpfs
 * (root on Linux); skipped with the reason otherwise.
 */
class ReadOnlyRootTest {
  @TempDir Path dir;
  private Path mount;
  private boolean mounted;

  @BeforeEach
  void mountSmallFileSystem() throws Exception {
    mount = dir.resolve("disk");
    Files.createDirectories(mount);
    String why;
    try {
      Process p =
          new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString())
              .redirectErrorStream(true)
              .start();
      why = new String(p.getInputStream().readAllBytes()).strip();
      mounted = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      why = e.toString();
    }
    assumeTrue(mounted, "cannot mount a tmpfs to make read-only (needs root on Linux): " + why);
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void statusAndVerifyRunOnARootMountedReadOnly() throws Exception {
    Path in = dir.resolve("in");
    TestPdf.write(in.resolve("a.pdf"), "Alpha");
    Path root = mount.resolve("data");
    CliRunner.Result convert =
        CliRunner.run("convert", in, "--out", dir.resolve("out"), "--data-root", root);
    assertEquals(0, convert.exitCode(), convert.toString());
    Process remount =
        new ProcessBuilder("mount", "-o", "remount,ro", mount.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(remount.waitFor(30, TimeUnit.SECONDS) && remount.exitValue() == 0);
    assertFalse(Files.isWritable(root), "the root is read-only now");

    CliRunner.Result verify = CliRunner.run("verify", "--data-root", root);
    assertEquals(0, verify.exitCode(), verify.toString());
    assertTrue(verify.out().contains("verified 1 jobs, 1 artifacts: OK"), verify.toString());

    CliRunner.Result status = CliRunner.run("status", "--data-root", root, "--json");
    assertEquals(0, status.exitCode(), status.toString());
    assertEquals(1, status.json().get("counts").get("succeeded").asInt(), status.toString());
    assertTrue(status.json().get("store").asText().endsWith("(read-only)"), status.toString());

    CliRunner.Result export =
        CliRunner.run("export", "--data-root", root, "--out", dir.resolve("exported"));
    assertEquals(0, export.exitCode(), export.toString());
    assertTrue(Files.readString(dir.resolve("exported/a.md")).contains("Alpha"));
  }
}
