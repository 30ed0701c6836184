package org.convertalot.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.Identifiers;
import org.convertalot.api.Policy;
import org.convertalot.api.error.InvalidRequestException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of commands that create jobs: the policy and the engine. */
final class RequestOptions {
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

  /** The engine options, sorted by key. */
  Map<String, String> options() {
    return new TreeMap<>(options);
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
    if (engine != null && !Identifiers.isValid(engine)) {
      throw new UsageError("malformed engine id: '" + engine + "'");
    }
    try {
      request(Path.of("check-only"));
    } catch (InvalidRequestException e) {
      throw new UsageError("--option: " + e.getMessage());
    }
  }

  /**
   * An unknown engine, one the policy cannot use, or an engine option its engine does not declare
   * or take is a bad option: refused by the runtime's own check before any submit.
   */
  void checkAgainst(ConversionRuntime runtime, CommandSpec spec) {
    try {
      runtime.check(request(Path.of("check-only")));
    } catch (InvalidRequestException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
