package org.convertalot.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.Identifiers;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Policy;
import org.convertalot.api.error.InvalidRequestException;
import org.convertalot.core.ConvertALot;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** The options of commands that create jobs: the policy, the engine, its options and the pages. */
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
        "An engine option, repeatable: every engine's options, with their defaults, are listed"
            + " under 'Engine options'. An unknown key or a value the option does not take is a"
            + " usage error, before any folder or job is created."
      })
  private Map<String, String> options = new TreeMap<>();

  @Option(
      names = "--pages",
      paramLabel = "PAGES",
      converter = PagesConverter.class,
      description = {
        "Convert only these pages, numbered from 1 as a PDF viewer shows them: 1,3,5-7, or 10-"
            + " for page 10 to the last (default: every page). Pages past a file's last page are"
            + " left out; a file with none of the pages fails with invalid_request"
            + " (pages_out_of_range)."
      })
  private PageSelection pages = PageSelection.ALL;

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
    return request(ConversionRequest.builder(source));
  }

  /** A request for the source of {@code b} (a file, bytes or a stream) with these options. */
  ConversionRequest request(ConversionRequest.Builder b) {
    b.policy(policy);
    if (engine != null) {
      b.engine(engine);
    }
    options.forEach(b::option);
    return b.pages(pages).build();
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
   * An unknown engine, one the policy cannot use, a page selection no engine converts, or an engine
   * option its engine does not declare or take is a bad option: refused by the runtime's own rule
   * against the engines {@code engines} would give a runtime, before any store is opened or any
   * folder created.
   */
  void checkAgainst(ConvertALot.Builder engines, CommandSpec spec) {
    try {
      engines.check(request(Path.of("check-only")));
    } catch (InvalidRequestException e) {
      String options =
          e.details().containsKey("option")
              ? System.lineSeparator()
                  + "Engine options:"
                  + System.lineSeparator()
                  + EngineCatalog.optionsText()
              : "";
      throw new ParameterException(spec.commandLine(), e.getMessage() + options);
    }
  }

  /** Reads {@code --pages} with the library's own parser, so both refuse the same text. */
  static final class PagesConverter implements ITypeConverter<PageSelection> {
    @Override
    public PageSelection convert(String value) {
      try {
        return PageSelection.parse(value);
      } catch (InvalidRequestException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The help section key of the engines' options. */
  static final String ENGINE_OPTIONS_SECTION = "engineOptions";

  /**
   * Adds the 'Engine options' section, before the exit codes, to the help of a command that takes
   * {@code --option}; the engines are read only when the help is printed.
   */
  static void addEngineOptionsHelp(CommandLine command) {
    if (command.getCommandSpec().findOption("--option") == null) {
      return;
    }
    List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
    int at = keys.indexOf(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING);
    keys.add(at < 0 ? keys.size() : at, ENGINE_OPTIONS_SECTION);
    command.setHelpSectionKeys(keys);
    command
        .getHelpSectionMap()
        .put(
            ENGINE_OPTIONS_SECTION,
            help ->
                String.format("%nEngine options (--option KEY=VALUE; shown with the default):%n")
                    + EngineCatalog.optionsText());
  }
}
