package org.convertalot.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.convertalot.core.ConvertALot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@link OutOfMemoryError} (issue 15, item 2): {@link OutOfMemoryChild} runs a runtime in a
 * JVM with a 48 MiB heap and an engine that fills it. The job fails typed ({@code backend_failed},
 * reason {@code out_of_memory}) after its two attempts, every runtime thread is still alive,
 * heartbeats still advance, the next job converts, and the process closes the runtime and exits on
 * its own.
 */
class OutOfMemoryChildTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aJobThatFillsTheHeapFailsTypedAndTheRuntimeLivesOn() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of("-Xmx48m", "-XX:+UseSerialGC", "-cp", classPath()));
    command.add(OutOfMemoryChild.class.getName());
    command.add(dir.toString());
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process child =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean exited = child.waitFor(150, TimeUnit.SECONDS);
    if (!exited) {
      child.destroyForcibly().waitFor();
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    String context = stdout + "\n--- stderr (tail) ---\n" + tail(stderr);
    System.out.println("[out of memory child]\n" + stdout);
    assertTrue(exited, "the child hangs: " + context);
    assertEquals(0, child.exitValue(), context);
    assertTrue(
        stdout.contains("hog: backend_failed out_of_memory, FAILED after 2 attempts"), context);
    assertTrue(
        stdout.contains(
            "threads: convertalot-heartbeat convertalot-maintenance"
                + " convertalot-worker-1 convertalot-worker-2"),
        context);
    assertTrue(stdout.contains("slow: heartbeats advance"), context);
    assertTrue(stdout.contains("normal: converted normal.pdf"), context);
    assertTrue(stdout.contains("engine calls: 4"), context);
    assertTrue(stdout.contains("closed"), context);
    assertFalse(stdout.contains("died:"), "a thread of the child died: " + context);
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }

  /** This JVM's class and module path, plus the folders of the test and main classes. */
  private static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (String property : List.of("java.class.path", "jdk.module.path")) {
      for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          entries.add(entry);
        }
      }
    }
    for (Class<?> type : List.of(OutOfMemoryChild.class, ConvertALot.class)) {
      CodeSource source = type.getProtectionDomain().getCodeSource();
      if (source != null && source.getLocation() != null) {
        try {
          entries.add(Path.of(source.getLocation().toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          // Not a file: the entries above have to do.
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
