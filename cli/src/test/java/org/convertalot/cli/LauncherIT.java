package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script beside the jar ({@code target/convertalot}) and the class-data archive the
 * build wrote for it: the archive is valid for the JVM that built it, the script converts as {@code
 * java -jar} does, and a copy of the three files elsewhere (where the archive no longer applies)
 * still runs, without a word about the archive.
 */
class LauncherIT {
  @TempDir Path work;

  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private static Path target() {
    Path jar = Path.of(System.getProperty("convertalot.jar", "target/convertalot.jar"));
    return jar.toAbsolutePath().getParent();
  }

  @Test
  void theArchiveServesTheJvmThatBuiltIt() throws Exception {
    // -Xshare:on makes an archive that cannot be used a start-up failure instead of a silent one.
    Run r = run(target().resolve("convertalot"), Map.of("JAVA_OPTS", "-Xshare:on"), "--version");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("convertalot "), r.toString());
  }

  @Test
  void theLauncherConvertsLikeTheJar() throws Exception {
    Path docs = work.resolve("docs");
    TestPdf.write(docs.resolve("one.pdf"), "Launcher one", "second page");
    Run r =
        run(
            target().resolve("convertalot"),
            Map.of(),
            "convert",
            docs,
            "--out",
            work.resolve("out"),
            "--policy",
            "cpu_only");
    assertEquals(0, r.exitCode(), r.toString());
    String markdown = Files.readString(work.resolve("out/one.md"));
    assertTrue(markdown.contains("Launcher one") && markdown.contains("second page"), markdown);
  }

  @Test
  void aCopyElsewhereRunsWithoutTheArchiveAndSaysNothingAboutIt() throws Exception {
    Path copy = Files.createDirectories(work.resolve("elsewhere"));
    for (String name : List.of("convertalot", "convertalot.jar", "convertalot.jsa")) {
      Files.copy(target().resolve(name), copy.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
    }
    Run r = run(copy.resolve("convertalot"), Map.of(), "--version");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("convertalot "), r.toString());
    assertEquals("", r.err(), r.toString());
    Run strict = run(copy.resolve("convertalot"), Map.of("JAVA_OPTS", "-Xshare:on"), "--version");
    assertTrue(strict.exitCode() != 0, "the moved jar no longer matches the archive: " + strict);
  }

  private Run run(Path script, Map<String, String> env, Object... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    for (Object a : args) {
      command.add(String.valueOf(a));
    }
    Path stdout = Files.createTempFile(work, "stdout", ".txt");
    Path stderr = Files.createTempFile(work, "stderr", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("JAVA_OPTS");
    builder.environment().putAll(env);
    Process p = builder.start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Run(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }
}
