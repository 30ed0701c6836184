package org.convertalot.testkit;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of a child JVM that runs a kit or test main class with this JVM's classes: for
 * tests that spawn JVMs (races, kill -9, small heaps).
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * {@code java <options> -cp <this JVM's class and module path> <main>}; add the main's arguments.
   *
   * @param jvmOptions options before the class path
   * @param main the class to run
   * @param alsoOnPath classes whose jar or folder must be on the path even when a launcher (a
   *     manifest-only jar, a patched module) hides it
   * @return the command, without the main's arguments
   */
  public static List<String> command(
      List<String> jvmOptions, Class<?> main, Class<?>... alsoOnPath) {
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.add("-cp");
    List<Class<?>> types = new ArrayList<>(List.of(alsoOnPath));
    types.add(main);
    command.add(classPath(types));
    command.add(main.getName());
    return command;
  }

  private static String classPath(List<Class<?>> types) {
    Set<String> entries = new LinkedHashSet<>();
    for (String property : List.of("java.class.path", "jdk.module.path")) {
      for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          entries.add(entry);
        }
      }
    }
    for (Class<?> type : types) {
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
