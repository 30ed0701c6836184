package org.convertalot.backend.docling.gpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds fake driver libraries with gcc from the C sources next to this class, one shared object
 * per scenario (its return codes fixed by {@code -D} macros), each in its own folder under the
 * given root, so the probe runs through its real JNA binding. Tests are skipped when gcc is absent.
 */
final class FakeDriverLibraries {

  /** The counter every fake exports: how often a C function was called. */
  interface CallCounter extends Library {
    int fake_calls(String function);
  }

  private static Boolean gccWorks;

  private final Path root;
  private final Map<String, Path> built = new HashMap<>();

  FakeDriverLibraries(Path root) {
    this.root = root;
  }

  /**
   * Builds (once per scenario) a fake library.
   *
   * @param source {@code fake_cuda.c}, {@code fake_nvml.c} or {@code fake_hip.c}
   * @param fileName the file to write, for example {@code libcuda.so.1}
   * @param defines macros such as {@code INIT_CODE=803}
   * @return the absolute path of the shared object
   */
  synchronized Path build(String source, String fileName, String... defines)
      throws IOException, InterruptedException {
    assumeTrue(gccWorks(), "gcc is not on the PATH: the fake driver libraries cannot be built");
    String scenario = source.replace(".c", "") + "-" + String.join("-", defines);
    Path existing = built.get(scenario);
    if (existing != null) {
      return existing;
    }
    Path dir = Files.createDirectories(root.resolve(scenario.replaceAll("[^A-Za-z0-9_-]", "_")));
    Path c = dir.resolve(source);
    try (InputStream in = FakeDriverLibraries.class.getResourceAsStream(source)) {
      if (in == null) {
        throw new IOException("test resource " + source + " is missing");
      }
      Files.copy(in, c);
    }
    Path library = dir.resolve(fileName);
    List<String> command =
        new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O0", "-o", library.toString()));
    for (String define : defines) {
      command.add("-D" + define);
    }
    command.add(c.toString());
    Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + output);
    }
    built.put(scenario, library);
    return library;
  }

  /**
   * Reads a fake's call counter through its own JNA binding (the same loaded library the probe
   * uses, as both open the same path).
   *
   * @param library a library from {@link #build}
   * @param function a C function name
   * @return how often it was called, or -1 when the fake does not count it
   */
  static int calls(Path library, String function) {
    return Native.load(library.toString(), CallCounter.class).fake_calls(function);
  }

  private static synchronized boolean gccWorks() {
    if (gccWorks == null) {
      try {
        Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        gccWorks = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        gccWorks = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        gccWorks = false;
      }
    }
    return gccWorks;
  }
}
