package org.convertalot.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ConversionBackendProvider;
import org.convertalot.api.backend.ServiceProviders;
import picocli.CommandLine.IVersionProvider;

/**
 * Prints the version and git revision the build filtered into {@code version.properties}, the Java
 * runtime, and every engine found on the class or module path with its version. No engine is
 * probed: creating one starts nothing.
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    String revision = p.getProperty("revision", "");
    List<String> lines = new ArrayList<>();
    lines.add(
        "convertalot "
            + p.getProperty("version", "unknown")
            + " (git "
            + (revision.isEmpty() || revision.startsWith("${") ? "unknown" : revision)
            + ")");
    lines.add(
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown") + ")");
    lines.addAll(engines());
    return lines.toArray(String[]::new);
  }

  /** {@code engine <id> <version>} for every engine, or why one could not be created. */
  static List<String> engines() {
    List<String> lines = new ArrayList<>();
    List<ConversionBackendProvider> providers =
        ServiceProviders.loadAll(
            ServiceLoader.load(ConversionBackendProvider.class),
            (what, error) -> lines.add("engine ? (broken " + what + ")"));
    for (ConversionBackendProvider provider : providers) {
      try (ConversionBackend engine = provider.create()) {
        lines.add("engine " + engine.id() + " " + engine.version());
      } catch (Exception | LinkageError e) {
        lines.add("engine ? (" + provider.getClass().getName() + " failed: " + e + ")");
      }
    }
    return lines;
  }
}
