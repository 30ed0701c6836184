package org.convertalot.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code convertalot} command. Run it with {@code java -jar convertalot.jar}, or in-process
 * with {@code Main.commandLine().execute(args)}: only {@link #main(String[])} exits the JVM, every
 * command returns its exit code and writes to the streams of its {@link CommandLine} ({@code
 * setOut}/{@code setErr}).
 *
 * <p>Exit codes: 0 success, 1 a file failed or a runtime/store error, 2 a usage error.
 */
@Command(
    name = "convertalot",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Turns large batches of PDFs into Markdown reliably.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a file failed to convert, or a runtime or store error",
      "2:usage error (bad option or argument, missing input or data root)"
    })
public final class Main implements Callable<Integer> {
  /** The slf4j-simple property that {@code --verbose} raises to {@code info}. */
  static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  /** The PDFBox log level, off by default (see {@code simplelogger.properties}). */
  static final String PDFBOX_LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.org.apache.pdfbox";

  /** The log level of PDFBox's font parser, off by default like PDFBox's own. */
  static final String FONTBOX_LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.org.apache.fontbox";

  /** The log level of the connection pool of {@code --store postgres}, off by default. */
  static final String HIKARI_LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.com.zaxxer.hikari";

  /**
   * The log level of the policy resolver, whose one warning per runtime says that {@code
   * gpu_prefer} fell back to the CPU.
   */
  static final String POLICY_LOG_LEVEL_PROPERTY =
      "org.slf4j.simpleLogger.log.org.convertalot.core.internal.runtime.PolicyResolver";

  /** The subcommands, in the order the help lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ConvertCommand.class,
          StatusCommand.class,
          VerifyCommand.class,
          SubmitCommand.class,
          WorkerCommand.class,
          ServeCommand.class,
          RemoteCommand.class,
          ExportCommand.class,
          CancelCommand.class,
          JobsCommand.class,
          ProbeCommand.class,
          GpuVerifyCommand.class,
          org.convertalot.cli.eval.EvalCommand.class,
          BenchCommand.class,
          CommandLine.HelpCommand.class);

  @Spec private CommandSpec spec;

  private boolean verbose;

  /** Creates the command; picocli creates the subcommands. */
  public Main() {}

  /**
   * Shows the runtime's logs and stack traces. Set while parsing, so before any logger exists: the
   * runtime's loggers are created only when a command opens it.
   */
  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log at info level and print stack traces of errors.")
  void setVerbose(boolean value) {
    if (value) {
      verbose = true;
      System.setProperty(LOG_LEVEL_PROPERTY, "info");
      System.setProperty(PDFBOX_LOG_LEVEL_PROPERTY, "warn");
      System.setProperty(FONTBOX_LOG_LEVEL_PROPERTY, "warn");
      System.setProperty(HIKARI_LOG_LEVEL_PROPERTY, "info");
    }
  }

  boolean verbose() {
    return verbose;
  }

  /**
   * Binds SLF4J to the JSON format; call before any logger exists (the option's setter runs while
   * parsing, before any command opens a runtime).
   */
  static void useJsonLogs() {
    System.setProperty(
        SLF4J_PROVIDER_PROPERTY, org.convertalot.cli.logging.JsonLinesProvider.class.getName());
    // Otherwise SLF4J says, in a line of text, that it loads the binding named.
    System.setProperty("slf4j.internal.verbosity", "WARN");
  }

  /** SLF4J's property naming its binding: the JSON format's replaces slf4j-simple. */
  static final String SLF4J_PROVIDER_PROPERTY = "slf4j.provider";

  /**
   * Chooses the log format. Set while parsing, before any logger exists, like {@code --verbose}.
   */
  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      description =
          "text (the default) or json: one JSON object per log line on stderr (ts, level, logger,"
              + " thread, message, job_id and run_id where a job is concerned, error).")
  void setLogFormat(String format) {
    switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "text":
        break;
      case "json":
        useJsonLogs();
        break;
      default:
        throw new ParameterException(spec.commandLine(), "--log-format is text or json: " + format);
    }
  }

  /**
   * For a command whose summary reports every CPU fallback ({@code convert}): the policy resolver's
   * warning would repeat it at the start of every run, so it is kept for {@code --verbose}. Call
   * before the runtime exists; a level set by the user ({@code -D}) is kept.
   */
  static void fallbacksReportedInSummary(boolean verbose) {
    if (!verbose && System.getProperty(POLICY_LOG_LEVEL_PROPERTY) == null) {
      System.setProperty(POLICY_LOG_LEVEL_PROPERTY, "error");
    }
  }

  /** Without a subcommand there is nothing to do: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /**
   * The command line with every subcommand.
   *
   * @return a new command line
   */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line for these arguments: when they name a subcommand (other than {@code help}),
   * only that one is added, since building a subcommand's model by reflection is a good part of a
   * short run's start-up; otherwise (no subcommand, {@code help}, an unknown name, which picocli
   * answers with suggestions) all of them.
   *
   * @param args the arguments the command line will run
   * @return a new command line
   */
  static CommandLine commandLine(String[] args) {
    CommandLine line = new CommandLine(new Main());
    String named = null;
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        named = arg;
        break;
      }
    }
    Class<?> only = null;
    for (Class<?> command : SUBCOMMANDS) {
      if (!"help".equals(named) && nameOf(command).equals(named)) {
        only = command;
      }
    }
    for (Class<?> command : SUBCOMMANDS) {
      if (only == null || command == only) {
        line.addSubcommand(nameOf(command), command);
        RequestOptions.addEngineOptionsHelp(line.getSubcommands().get(nameOf(command)));
      }
    }
    return line;
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }
}
