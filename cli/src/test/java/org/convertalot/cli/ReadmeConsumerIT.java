package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.convertalot.testkit.TestPdf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README as a new user follows it: a throw-away Maven project whose pom holds the README's
 * Maven XML verbatim, built by a real {@code mvn} against the artifacts this build made (installed
 * into a local repository of its own, as {@code mvn install} would, so the user's repository is
 * left alone), and the README's quick start, imports included, run on what that project resolves.
 * Other artifacts (PDFBox, Jackson, the compiler plugin) come from the build's own local
 * repository, served as a file repository: nothing is downloaded.
 */
class ReadmeConsumerIT {
  /** The artifacts the README's XML names, directly or through the BOM, and their folders. */
  private static final List<String[]> INSTALLED =
      List.of(
          new String[] {"convertalot-parent", "."},
          new String[] {"convertalot-bom", "bom"},
          new String[] {"convertalot-api", "api"},
          new String[] {"convertalot-core", "core"},
          new String[] {"convertalot-backend-cpu", "backend-cpu-test"});

  @TempDir Path dir;

  @Test
  void theReadmesXmlResolvesAndItsQuickStartRuns() throws Exception {
    Path module = Path.of(System.getProperty("convertalot.module.dir", ".")).toAbsolutePath();
    Path root = module.getParent();
    String readme = Files.readString(root.resolve("README.md"));
    int maven = readme.indexOf("## Maven");
    int xmlOpen = readme.indexOf("```xml\n", maven) + "```xml\n".length();
    String xml = readme.substring(xmlOpen, readme.indexOf("```", xmlOpen));
    int install = readme.indexOf("```sh\n", xmlOpen) + "```sh\n".length();
    assertEquals(
        "mvn -B install -DskipTests", readme.substring(install, readme.indexOf("\n", install)));
    int quick = readme.indexOf("## Quick start");
    int javaOpen = readme.indexOf("```java\n", quick) + "```java\n".length();
    String block = readme.substring(javaOpen, readme.indexOf("```", javaOpen));

    Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(xml);
    assertTrue(version.find(), xml);
    assertEquals(System.getProperty("convertalot.version"), version.group(1), "README's version");
    Path repo = installInto(dir.resolve("repo"), root, version.group(1));

    Path project = Files.createDirectories(dir.resolve("consumer"));
    Files.writeString(project.resolve("pom.xml"), pom(xml));
    Path src = Files.createDirectories(project.resolve("src/main/java/quickstart"));
    String imports =
        block.lines().filter(l -> l.startsWith("import ")).collect(Collectors.joining("\n"));
    String body =
        block.lines().filter(l -> !l.startsWith("import ")).collect(Collectors.joining("\n"));
    Files.writeString(
        src.resolve("Main.java"),
        String.join(
            "\n",
            "package quickstart;",
            imports,
            "public final class Main {",
            "  public static void main(String[] args) {",
            body,
            "  }",
            "}",
            ""));
    Path settings = project.resolve("settings.xml");
    Files.writeString(settings, settings(Path.of(System.getProperty("convertalot.local.repo"))));
    Path classpath = project.resolve("classpath.txt");
    run(
        project,
        List.of(
            mvn(),
            "-B",
            "-q",
            "-s",
            settings.toString(),
            "-Dmaven.repo.local=" + repo,
            "compile",
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
            "-Dmdep.outputFile=" + classpath));

    Path work = Files.createDirectories(dir.resolve("work"));
    TestPdf.write(work.resolve("report.pdf"), "Quarterly report", "page two");
    String cp =
        project.resolve("target/classes") + File.pathSeparator + Files.readString(classpath);
    String output =
        run(
            work,
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                cp.strip(),
                "quickstart.Main"));
    assertTrue(output.contains("Quarterly report"), output);
    assertTrue(output.contains("2 pages on cpu"), output);
  }

  /**
   * What Maven Central checks in every published POM (the BOM has no parent, so it carries its
   * own), and the release profile that adds sources, Javadoc and signatures.
   */
  @Test
  void thePomsCarryWhatMavenCentralAsksFor() throws Exception {
    Path root = Path.of(System.getProperty("convertalot.module.dir", ".")).toAbsolutePath();
    for (Path pom :
        List.of(root.getParent().resolve("pom.xml"), root.resolveSibling("bom/pom.xml"))) {
      String text = Files.readString(pom);
      for (String element :
          List.of(
              "<name>",
              "<description>",
              "<url>",
              "<licenses>",
              "<developers>",
              "<scm>",
              "<connection>",
              "<id>release</id>",
              "maven-gpg-plugin",
              "<gpg.skip>true</gpg.skip>")) {
        assertTrue(text.contains(element), pom + " lacks " + element);
      }
    }
    String parent = Files.readString(root.getParent().resolve("pom.xml"));
    int release = parent.indexOf("<id>release</id>");
    assertTrue(parent.indexOf("maven-source-plugin", release) > 0, "sources jar in release");
    assertTrue(parent.indexOf("maven-javadoc-plugin", release) > 0, "javadoc jar in release");
  }

  /** A minimal project around the README's XML, exactly as the README shows it. */
  private static String pom(String readmeXml) {
    return String.join(
        "\n",
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">",
        "  <modelVersion>4.0.0</modelVersion>",
        "  <groupId>example</groupId>",
        "  <artifactId>readme-consumer</artifactId>",
        "  <version>1</version>",
        "  <properties>",
        "    <maven.compiler.release>17</maven.compiler.release>",
        "    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>",
        "  </properties>",
        readmeXml,
        // Versions this build already has, so that the run needs no download.
        "  <build><plugins>",
        "    <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>",
        "    <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>",
        "  </plugins></build>",
        "</project>",
        "");
  }

  /** Every repository served from the build's own local repository, read as a remote one. */
  private static String settings(Path buildRepo) {
    return String.join(
        "\n",
        "<settings><mirrors><mirror>",
        "  <id>build-local</id><mirrorOf>*</mirrorOf>",
        "  <url>" + buildRepo.toUri() + "</url>",
        "</mirror></mirrors></settings>",
        "");
  }

  /** What {@code mvn install} puts into a local repository for each artifact, from the reactor. */
  private static Path installInto(Path repo, Path root, String version) throws Exception {
    for (String[] artifact : INSTALLED) {
      Path folder = root.resolve(artifact[1]);
      Path target =
          Files.createDirectories(
              repo.resolve("org/convertalot").resolve(artifact[0]).resolve(version));
      String base = artifact[0] + "-" + version;
      Files.copy(folder.resolve("pom.xml"), target.resolve(base + ".pom"));
      Path jar = folder.resolve("target").resolve(base + ".jar");
      if (!artifact[1].equals(".") && !artifact[1].equals("bom")) {
        assertTrue(Files.isRegularFile(jar), "the reactor built " + jar);
        Files.copy(jar, target.resolve(base + ".jar"));
      }
    }
    return repo;
  }

  private static String mvn() {
    String home = System.getProperty("maven.home", "");
    Path bin = Path.of(home, "bin", "mvn");
    return !home.isEmpty() && Files.isExecutable(bin) ? bin.toString() : "mvn";
  }

  private static String run(Path cwd, List<String> command) throws Exception {
    Process p =
        new ProcessBuilder(new ArrayList<>(command))
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "ended: " + command);
    assertEquals(0, p.exitValue(), command + "\n" + output);
    return output;
  }
}
