package org.convertalot.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.Policy;
import org.convertalot.api.StatusSnapshot;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of commands that create jobs: the policy and the engine. */
final class RequestOptions {
  private static final Pattern ENGINE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      defaultValue = "gpu_prefer",
      converter = PolicyConverter.class,
      completionCandidates = PolicyConverter.Candidates.class,
      description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private Policy policy;

  @Option(
      names = "--engine",
      paramLabel = "ID",
      description = "Use this engine, for example pdfbox (default: chosen by the policy).")
  private String engine;

  @Option(
      names = "--option",
      paramLabel = "KEY=VALUE",
      description = {
        "An engine option, repeatable; for the pdfbox engine: pdfbox.links=true keeps links,"
            + " pdfbox.emphasis=true writes bold and italic runs (both off by default)."
      })
  private Map<String, String> options = new TreeMap<>();

  Policy policy() {
    return policy;
  }

  /** The engine id, or {@code null} to let the policy choose. */
  String engine() {
    return engine;
  }

  /** A request for one source with these options. */
  ConversionRequest request(Path source) {
    ConversionRequest.Builder b = ConversionRequest.builder(source).policy(policy);
    if (engine != null) {
      b.engine(engine);
    }
    options.forEach(b::option);
    return b.build();
  }

  /** Refuses a malformed engine id or option before anything is opened. */
  void checkSyntax() {
    if (engine != null && !ENGINE_ID.matcher(engine).matches()) {
      throw new UsageError("malformed engine id: '" + engine + "'");
    }
    try {
      request(Path.of("check-only"));
    } catch (org.convertalot.api.error.InvalidRequestException e) {
      throw new UsageError("--option: " + e.getMessage());
    }
  }

  /** An unknown engine or one the policy cannot use is a bad option: refused before any submit. */
  void checkAgainst(StatusSnapshot status, CommandSpec spec) {
    if (engine == null) {
      return;
    }
    StatusSnapshot.EngineStatus found =
        status.engines().stream().filter(e -> e.id().equals(engine)).findFirst().orElse(null);
    if (found == null) {
      throw new ParameterException(
          spec.commandLine(),
          "unknown engine '"
              + engine
              + "'; available: "
              + String.join(", ", status.engines().stream().map(e -> e.id()).toList()));
    }
    if (policy == Policy.CPU_ONLY && !found.capabilities().supportsCpu()) {
      throw new ParameterException(
          spec.commandLine(), "engine '" + engine + "' cannot run on CPU (--policy cpu_only)");
    }
    if (policy == Policy.GPU_REQUIRED && !found.capabilities().supportsGpu()) {
      throw new ParameterException(
          spec.commandLine(),
          "engine '" + engine + "' cannot run on a GPU (--policy gpu_required)");
    }
  }
}
