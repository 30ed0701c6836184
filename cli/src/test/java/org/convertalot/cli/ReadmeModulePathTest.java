package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start as a user on the module path runs it: its Java block compiled into a
 * module that requires {@code org.convertalot.core}, run with {@code java --module-path … -m} and
 * only the jars the README's two dependencies bring, with no {@code --add-modules}. The PDFBox
 * engine arrives by service binding.
 */
class ReadmeModulePathTest {
  /** The jars of the README's dependencies (convertalot-core, convertalot-backend-cpu). */
  private static final List<String> README_JARS =
      List.of(
          "convertalot-api",
          "convertalot-core",
          "convertalot-backend-cpu",
          "pdfbox",
          "fontbox",
          "commons-logging",
          "slf4j-api",
          "jackson-",
          "commonmark");

  /** The folders of the README's modules in this build. */
  private static final List<String> REACTOR_MODULES = List.of("api", "core", "backend-cpu-test");

  @TempDir Path dir;

  @Test
  void theQuickStartRunsOnTheModulePath() throws Exception {
    Path module = Path.of(System.getProperty("convertalot.module.dir", "."));
    String readme = Files.readString(module.resolve("../README.md"));
    int start = readme.indexOf("## Quick start");
    int open = readme.indexOf("```java\n", start) + "```java\n".length();
    String block = readme.substring(open, readme.indexOf("```", open));
    // The README's own imports, so that they are compiled too.
    String imports =
        block.lines().filter(l -> l.startsWith("import ")).collect(Collectors.joining("\n"));
    String snippet =
        block.lines().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n"));

    Path src = dir.resolve("src");
    Files.createDirectories(src.resolve("quickstart"));
    Files.writeString(
        src.resolve("module-info.java"), "module quickstart { requires org.convertalot.core; }\n");
    Files.writeString(
        src.resolve("quickstart/Main.java"),
        String.join(
            "\n",
            "package quickstart;",
            imports,
            "public final class Main {",
            "  public static void main(String[] args) {",
            snippet,
            "  }",
            "}"));
    String modulePath = readmeJars();
    Path classes = dir.resolve("classes");
    Path bin = Path.of(System.getProperty("java.home"), "bin");
    Process javac =
        new ProcessBuilder(
                bin.resolve("javac").toString(),
                "--module-path",
                modulePath,
                "-d",
                classes.toString(),
                src.resolve("module-info.java").toString(),
                src.resolve("quickstart/Main.java").toString())
            .redirectErrorStream(true)
            .start();
    String compileOutput =
        new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(javac.waitFor(120, TimeUnit.SECONDS), "javac ended");
    assertEquals(0, javac.exitValue(), compileOutput);

    Path work = Files.createDirectories(dir.resolve("work"));
    TestPdf.write(work.resolve("report.pdf"), "Quarterly report", "page two");
    Path java = bin.resolve("java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "--module-path",
                modulePath + File.pathSeparator + classes,
                "-m",
                "quickstart/quickstart.Main")
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the quick start ended");
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("Quarterly report"), output);
    assertTrue(output.contains("2 pages on cpu"), output);
  }

  /** A jar of the README's dependencies, or (in the reactor, before packaging) their classes. */
  private static boolean isReadmeDependency(String entry) {
    Path path = Path.of(entry);
    if (entry.endsWith(".jar")) {
      String name = path.getFileName().toString();
      return README_JARS.stream().anyMatch(name::startsWith);
    }
    return path.endsWith(Path.of("target", "classes"))
        && REACTOR_MODULES.contains(path.getParent().getParent().getFileName().toString());
  }

  /** The README dependencies' jars among this test's own, from its module and class path. */
  private static String readmeJars() {
    List<String> entries = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property, "");
      Stream.of(value.split(File.pathSeparator)).filter(e -> !e.isBlank()).forEach(entries::add);
    }
    List<String> jars =
        entries.stream()
            .filter(ReadmeModulePathTest::isReadmeDependency)
            .distinct()
            .collect(Collectors.toList());
    assertFalse(jars.isEmpty(), "no dependency jars found on " + entries);
    return String.join(File.pathSeparator, jars);
  }
}
