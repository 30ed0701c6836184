package org.convertalot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.core.store.JobStores;
import org.convertalot.store.postgres.PostgresJobStore;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options that choose where a command's jobs live, shared by every command that opens a store:
 * the file store on a data root (the default), or a PostgreSQL schema that processes on many
 * machines share. The data root itself is each command's own option, since its meaning differs
 * (read, created, or defaulted under {@code --out}).
 *
 * <p>There is no password option: a command line is visible to every user of the machine ({@code
 * ps}), so the password comes from the environment or a file.
 */
final class StoreOptions {
  static final String STORE_ENV = "CONVERTALOT_STORE";
  static final String URL_ENV = "CONVERTALOT_JDBC_URL";
  static final String USER_ENV = "CONVERTALOT_JDBC_USER";
  static final String PASSWORD_ENV = "CONVERTALOT_JDBC_PASSWORD";

  /** The store's own rule for schema names, checked here so that a bad one is a usage error. */

  /** The kinds of store. */
  enum Kind {
    FILE,
    POSTGRES;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The command (or the mixin) this is part of, for its error stream. */
  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--store",
      paramLabel = "KIND",
      defaultValue = "${env:" + STORE_ENV + ":-file}",
      converter = KindConverter.class,
      completionCandidates = KindConverter.Candidates.class,
      description = {
        "Where the jobs live: file (a data root on this machine) or postgres (a PostgreSQL"
            + " schema that processes on many machines share). Default: $"
            + STORE_ENV
            + ", else file."
      })
  private Kind kind;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description = {
        "With --store postgres: the database, for example"
            + " jdbc:postgresql://db.example:5432/convertalot (default: $"
            + URL_ENV
            + "). Passwords in it are never printed. A process opens at most workers + 4"
            + " connections (the workers, heartbeats, the reaper, the wake-up listener, the command"
            + " itself) and gives up"
            + " on a database that does not answer within "
            + PostgresStoreTarget.CONNECT_TIMEOUT_SECONDS
            + " s."
      })
  private String jdbcUrl;

  @Option(
      names = "--jdbc-user",
      paramLabel = "USER",
      description = "The database user (default: $" + USER_ENV + ", else the URL's).")
  private String jdbcUser;

  @Option(
      names = "--jdbc-password-file",
      paramLabel = "FILE",
      description = {
        "A file whose first line is the database password (default: $"
            + PASSWORD_ENV
            + ", else the URL's). There is no password option: command lines are visible to"
            + " every user of the machine."
      })
  private Path passwordFile;

  @Option(
      names = "--pg-schema",
      paramLabel = "NAME",
      description =
          "The schema of the jobs, created when absent (default: "
              + PostgresJobStore.Builder.DEFAULT_SCHEMA
              + ").")
  private String schema;

  @Option(
      names = "--pg-shared-folder",
      paramLabel = "DIR",
      description =
          "Keep the PDFs and the Markdown as files in DIR, a folder every worker mounts (NFS,"
              + " SMB), instead of in the database; every process on the schema must name the same"
              + " folder.")
  private Path sharedFolder;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      defaultValue = JobStores.DEFAULT_NAMESPACE,
      description =
          "The namespace of the data root or schema (default: ${DEFAULT-VALUE}); one created"
              + " under another namespace is refused.")
  private String namespace;

  /** Whether the jobs live in PostgreSQL. */
  boolean postgres() {
    return kind == Kind.POSTGRES;
  }

  /**
   * The store the options name, checked; nothing is opened yet.
   *
   * @param dataRootOption the command's {@code --data-root}, or {@code null} when not given
   * @param fileRoot the data root of the file store, asked only for {@code --store file}; it throws
   *     {@link UsageError} when there is none or it is unusable
   * @throws UsageError for a bad option or combination
   */
  StoreTarget resolve(Path dataRootOption, Supplier<Path> fileRoot) {
    String ns = namespace();
    if (!postgres()) {
      List<String> misplaced = postgresOptionsGiven();
      if (!misplaced.isEmpty()) {
        throw new UsageError(
            String.join(", ", misplaced)
                + (misplaced.size() == 1 ? " needs" : " need")
                + " --store postgres (the store is file)");
      }
      return new FileStoreTarget(fileRoot.get(), ns);
    }
    if (dataRootOption != null) {
      throw new UsageError(
          "--data-root is for --store file; with --store postgres the jobs live in the database"
              + " (--pg-schema)");
    }
    String url = jdbcUrl != null ? jdbcUrl : System.getenv(URL_ENV);
    if (url == null || url.isBlank()) {
      throw new UsageError(
          "--store postgres needs --jdbc-url URL (or $"
              + URL_ENV
              + "), for example --jdbc-url jdbc:postgresql://db.example:5432/convertalot");
    }
    JdbcUrl parsed = JdbcUrl.parse(url);
    if (jdbcUrl != null && !parsed.secrets().isEmpty()) {
      warn(
          "warning: the password in --jdbc-url is visible to every user of this machine (ps);"
              + " give it through $"
              + PASSWORD_ENV
              + " or --jdbc-password-file instead");
    }
    String schemaName = schema != null ? schema : PostgresJobStore.Builder.DEFAULT_SCHEMA;
    try {
      PostgresJobStore.checkSchema(schemaName);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--pg-schema: " + e.getMessage());
    }
    String password = password(parsed);
    List<String> secrets = new ArrayList<>(parsed.secrets());
    secrets.add(password);
    return new PostgresStoreTarget(
        parsed, user(parsed), password, schemaName, ns, sharedFolder, Secrets.of(url, secrets));
  }

  /** The namespace, validated. */
  String namespace() {
    try {
      return JobStores.checkNamespace(namespace);
    } catch (ConfigurationException e) {
      throw new UsageError("--namespace: " + e.getMessage());
    }
  }

  private void warn(String line) {
    PrintWriter err = mixee.commandLine().getErr();
    err.println(line);
    err.flush();
  }

  private List<String> postgresOptionsGiven() {
    List<String> given = new ArrayList<>();
    if (jdbcUrl != null) {
      given.add("--jdbc-url");
    }
    if (jdbcUser != null) {
      given.add("--jdbc-user");
    }
    if (passwordFile != null) {
      given.add("--jdbc-password-file");
    }
    if (schema != null) {
      given.add("--pg-schema");
    }
    if (sharedFolder != null) {
      given.add("--pg-shared-folder");
    }
    return given;
  }

  private String user(JdbcUrl url) {
    if (jdbcUser != null) {
      return jdbcUser;
    }
    String fromEnv = System.getenv(USER_ENV);
    return fromEnv != null && !fromEnv.isEmpty() ? fromEnv : url.user();
  }

  /** The file's first line, else the environment's, else the URL's; {@code null} for none. */
  private String password(JdbcUrl url) {
    if (passwordFile != null) {
      return readPasswordFile();
    }
    String fromEnv = System.getenv(PASSWORD_ENV);
    return fromEnv != null && !fromEnv.isEmpty() ? fromEnv : url.password();
  }

  private String readPasswordFile() {
    String text;
    try {
      text = Files.readString(passwordFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // The exception names the path only, never the contents.
      throw new UsageError(
          "cannot read --jdbc-password-file " + passwordFile + ": " + e.getClass().getSimpleName());
    }
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      throw new UsageError("--jdbc-password-file " + passwordFile + " has an empty first line");
    }
    return line;
  }

  /** Reads {@code file} or {@code postgres}, in any case. */
  static final class KindConverter implements ITypeConverter<Kind> {
    @Override
    public Kind convert(String value) {
      for (Kind k : Kind.values()) {
        if (k.code().equalsIgnoreCase(value.strip())) {
          return k;
        }
      }
      throw new TypeConversionException(
          "expected one of " + String.join(", ", new Candidates()) + " but was '" + value + "'");
    }

    /** The store kinds, for help and shell completion. */
    static final class Candidates implements Iterable<String> {
      @Override
      public Iterator<String> iterator() {
        return Arrays.stream(Kind.values()).map(Kind::code).iterator();
      }
    }
  }
}
