package org.convertalot.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ConversionBackendProvider;
import org.convertalot.api.backend.EngineOption;
import org.convertalot.api.backend.ServiceProviders;

/**
 * The engines on the class or module path, as {@code --version} and the help of the commands that
 * take {@code --option} show them: id, version and declared options. Nothing is probed or started:
 * an engine is created, read and closed. The runtime finds the same engines the same way, and stays
 * the one that checks a request's options.
 */
final class EngineCatalog {
  /** One engine, or a provider that failed ({@code problem} set, the rest empty). */
  record Entry(String id, String version, List<EngineOption> options, String problem) {}

  private EngineCatalog() {}

  /** Every engine found, in the loader's order. */
  static List<Entry> discover() {
    List<Entry> out = new ArrayList<>();
    List<ConversionBackendProvider> providers =
        ServiceProviders.loadAll(
            ServiceLoader.load(ConversionBackendProvider.class),
            (what, error) -> out.add(new Entry("?", "", List.of(), "broken " + what)));
    for (ConversionBackendProvider provider : providers) {
      try (ConversionBackend engine = provider.create()) {
        out.add(new Entry(engine.id(), engine.version(), List.copyOf(engine.options()), null));
      } catch (Exception | LinkageError e) {
        out.add(new Entry("?", "", List.of(), provider.getClass().getName() + " failed: " + e));
      }
    }
    return out;
  }

  /** {@code engine <id> <version>} per engine, for {@code --version}. */
  static List<String> versionLines() {
    List<String> lines = new ArrayList<>();
    for (Entry e : discover()) {
      lines.add(
          e.problem() == null
              ? "engine " + e.id() + " " + e.version()
              : "engine ? (" + e.problem() + ")");
    }
    return lines;
  }

  /**
   * Every engine's options with their values and defaults, one indented block per option, for help
   * texts and for the usage error of an unknown option or a bad value.
   */
  static String optionsText() {
    StringBuilder b = new StringBuilder();
    for (Entry e : discover()) {
      if (e.problem() != null) {
        continue;
      }
      if (e.options().isEmpty()) {
        b.append("  ").append(e.id()).append(": no options\n");
      }
      for (EngineOption o : e.options()) {
        b.append("  ")
            .append(o.key())
            .append("=")
            .append(o.defaultValue().isEmpty() ? "\"\"" : o.defaultValue())
            .append("  (default; takes ")
            .append(o.allowedValues())
            .append(")\n      ")
            .append(o.description())
            .append('\n');
      }
    }
    return b.toString();
  }
}
