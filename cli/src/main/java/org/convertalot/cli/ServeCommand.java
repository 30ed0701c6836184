package org.convertalot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.error.ConfigurationException;
import org.convertalot.core.ConvertALot;
import org.convertalot.server.ConversionServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code convertalot serve}: the runtime over HTTP (docs/http-api.md) on a data root or a
 * PostgreSQL schema, with workers in the same process, until stopped (Ctrl-C or SIGTERM stop
 * accepting, let requests in flight finish, and hand running jobs back).
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "serve",
    description = {
      "Serves the runtime over HTTP (API v1, /healthz, /readyz) on a data root or PostgreSQL"
          + " schema until stopped. API keys come from --api-key-file (one per line) or the"
          + " environment variable CONVERTALOT_API_KEYS (comma-separated); they are never printed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "143:stopped by SIGTERM or Ctrl-C (after the server and runtime closed)",
      "1:a runtime, store or server error",
      "2:usage error"
    })
final class ServeCommand implements Callable<Integer> {

  /** The environment variable holding API keys, comma-separated. */
  static final String KEYS_VARIABLE = "CONVERTALOT_API_KEYS";

  @Spec private CommandSpec spec;
  @ParentCommand private Main parent;

  @Option(
      names = "--data-root",
      paramLabel = "DIR",
      description = "The data root (created when absent); required with --store file.")
  private Path dataRoot;

  @Mixin private StoreOptions store;
  @Mixin private DoclingCliOptions docling;

  @Mixin private PasswordOptions passwords;
  @Mixin private WorkersOption workers;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "Port to listen on, 0 to 65535; 0 picks a free one (default: 8080).")
  private int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = ConversionServer.DEFAULT_HOST,
      description = "Address to listen on; 0.0.0.0 for every interface (default: 127.0.0.1).")
  private String host;

  @Option(
      names = "--api-key-file",
      paramLabel = "FILE",
      description = "File with the accepted API keys, one per line.")
  private Path apiKeyFile;

  @Option(
      names = "--uploads",
      paramLabel = "DIR",
      description =
          "The server's folder: uploads being received and idempotency keys (default: uploads"
              + " under --data-root; required with --store postgres). The runtime keeps its own"
              + " copy of each upload until its job ends.")
  private Path uploads;

  @Option(
      names = "--sources",
      paramLabel = "DIR",
      description =
          "Folder that JSON submits may name files under ({\"path\": \"a/b.pdf\"}); without it"
              + " the server takes uploads only.")
  private Path sources;

  @Option(
      names = "--max-upload-mb",
      paramLabel = "MB",
      defaultValue = "256",
      description = "Largest upload taken, in MiB (default: 256).")
  private long maxUploadMegabytes;

  @Option(
      names = "--rate-limit",
      paramLabel = "N",
      defaultValue = "" + ConversionServer.DEFAULT_REQUESTS_PER_SECOND,
      description =
          "Requests per second each API key may make, with bursts of twice as many; 0 for no"
              + " limit (default: ${DEFAULT-VALUE}).")
  private double rateLimit;

  @Override
  public Integer call() {
    StoreTarget target;
    try {
      target = store.resolve(dataRoot, () -> DataRootOptions.toCreate(dataRoot));
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    List<String> keys = keys();
    try {
      passwords.applyTo(ConvertALot.builder());
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Path uploadFolder = uploads != null ? uploads : defaultUploads(target);
    workers.check();
    int threads = workers.threads();
    CountDownLatch stopped = new CountDownLatch(1);
    try (OpenedStore store = target.open(threads);
        ConversionRuntime runtime =
            store
                .applyTo(docling.applyTo(passwords.applyTo(ConvertALot.builder())))
                .workers(threads)
                .build()) {
      ConversionServer.Builder builder =
          ConversionServer.builder(runtime)
              .host(host)
              .port(port)
              .uploads(uploadFolder)
              .maxUploadBytes(maxUploadMegabytes * 1024 * 1024)
              .rateLimit(rateLimit, Math.max(1, rateLimit * 2));
      if (sources != null) {
        builder.sources(sources);
      }
      keys.forEach(builder::apiKey);
      try (ConversionServer server = builder.build().start()) {
        Thread hook =
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "convertalot-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("serving " + target.describe() + " on " + server.uri());
        err.flush();
        stopped.await();
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Errors.report(err, e, parent != null && parent.verbose(), target.secrets());
    } catch (ConfigurationException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (RuntimeException e) {
      return Errors.report(err, e, parent != null && parent.verbose(), target.secrets());
    }
  }

  private Path defaultUploads(StoreTarget target) {
    if (target.dataRoot() == null) {
      throw new ParameterException(
          spec.commandLine(), "--uploads DIR is required when the jobs live in a database");
    }
    return target.dataRoot().resolve("uploads");
  }

  /** The keys from the file and the environment; a usage error when there are none. */
  private List<String> keys() {
    List<String> keys = new ArrayList<>();
    if (apiKeyFile != null) {
      try {
        keys.addAll(ApiKeyFile.read(apiKeyFile));
      } catch (IOException e) {
        throw new ParameterException(
            spec.commandLine(), "cannot read --api-key-file " + apiKeyFile + ": " + e.getMessage());
      }
    }
    String fromEnvironment = System.getenv(KEYS_VARIABLE);
    if (fromEnvironment != null) {
      for (String key : fromEnvironment.split(",")) {
        if (!key.isBlank()) {
          keys.add(key.strip());
        }
      }
    }
    if (keys.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "serve needs at least one API key: --api-key-file FILE or " + KEYS_VARIABLE);
    }
    return keys;
  }
}
