package org.convertalot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the CLI as separate JVMs, the way users run worker processes. */
final class Processes {
  private Processes() {}

  /** A started CLI process with its output in files (a full pipe can never block it). */
  record Started(Process process, Path stdout, Path stderr) {
    String err() throws IOException {
      return Files.readString(stderr);
    }

    String out() throws IOException {
      return Files.readString(stdout);
    }

    /** Waits for a normal exit and returns its code. */
    int await(long minutes) throws IOException, InterruptedException {
      if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("timed out after " + minutes + " min:\n" + err());
      }
      return process.exitValue();
    }

    /** kill -9: no shutdown hook, no cleanup, exactly what a crash looks like. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  /** The shaded jar this module built; an assertion error when it was not built. */
  static Path jar() {
    Path jar = Path.of(System.getProperty("convertalot.jar", "target/convertalot.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " not built: run mvn verify");
    }
    return jar.toAbsolutePath();
  }

  /** The command line {@code java -jar convertalot.jar ARGS}, on this JVM's java. */
  static List<String> javaJar(Object... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    for (Object a : args) {
      command.add(String.valueOf(a));
    }
    return command;
  }

  /**
   * Starts {@code convertalot ARGS} from the shaded jar, with this module's test classes on the
   * class path too (so workers also find the test engines).
   */
  static Started cli(Path work, Object... args) throws IOException {
    return cli(work, Map.of(), args);
  }

  /**
   * Like {@link #cli(Path, Object...)}, with these environment variables set. This JVM's store
   * variables ({@code CONVERTALOT_STORE}, {@code CONVERTALOT_JDBC_*}) are never passed on, so each
   * test says which store it means.
   */
  static Started cli(Path work, Map<String, String> env, Object... args) throws IOException {
    Path jar = jar();
    Path testClasses =
        Path.of(System.getProperty("convertalot.module.dir", ".")).resolve("target/test-classes");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(jar + java.io.File.pathSeparator + testClasses.toAbsolutePath());
    command.add(Main.class.getName());
    for (Object a : args) {
      command.add(String.valueOf(a));
    }
    Files.createDirectories(work);
    Path stdout = Files.createTempFile(work, "stdout", ".txt");
    Path stderr = Files.createTempFile(work, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(n -> n.equals("CONVERTALOT_STORE") || n.startsWith("CONVERTALOT_JDBC_"));
    builder.environment().putAll(env);
    Process p = builder.start();
    return new Started(p, stdout, stderr);
  }
}
