package org.convertalot.store.postgres;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM that runs one of this module's test mains on its class path. */
final class ChildJava {
  private ChildJava() {}

  /** {@code java <options> -cp <this JVM's class path> <main>}; add the main's arguments. */
  static List<String> command(List<String> jvmOptions, Class<?> main) {
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    return command;
  }
}
