package org.convertalot.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
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
    lines.addAll(EngineCatalog.versionLines());
    return lines.toArray(String[]::new);
  }
}
