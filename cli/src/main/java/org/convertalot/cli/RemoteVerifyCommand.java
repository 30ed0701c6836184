package org.convertalot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Policy;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.server.ConversionClient;
import org.convertalot.server.ServerHealth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code convertalot remote verify}: the freshness gate after a deploy. It fails closed (exit 1,
 * naming both revisions) unless the running service is the expected revision, started when
 * expected, and converts one PDF end to end with a result that matches its manifest and a source
 * hash that matches the file sent.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "verify",
    description = {
      "Checks that a running service is the expected revision and converts one PDF end to end."
          + " The API key comes from --api-key-file (its first line) or CONVERTALOT_API_KEY."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the service is the expected one and converted the PDF with a verified result",
      "1:it is not, or it failed",
      "2:usage error"
    })
final class RemoteVerifyCommand implements Callable<Integer> {

  /** The environment variable holding the key this command sends. */
  static final String KEY_VARIABLE = "CONVERTALOT_API_KEY";

  @Spec private CommandSpec spec;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The service.")
  private URI url;

  @Option(
      names = "--expect-revision",
      required = true,
      paramLabel = "REV",
      description = "The git revision the service must run.")
  private String expectedRevision;

  @Option(
      names = "--started-after",
      paramLabel = "TIME",
      description = "The service must have started after this ISO-8601 instant.")
  private String startedAfter;

  @Option(names = "--api-key-file", paramLabel = "FILE", description = "File with the API key.")
  private Path apiKeyFile;

  @Option(
      names = "--pdf",
      paramLabel = "FILE",
      description = "The PDF to convert (default: a generated one-page sample).")
  private Path pdf;

  @Option(
      names = "--timeout-s",
      paramLabel = "S",
      defaultValue = "120",
      description = "How long the conversion may take (default: 120).")
  private long timeoutSeconds;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant after = parseStartedAfter();
    ConversionClient client =
        ConversionClient.builder(url)
            .apiKey(key())
            .timeout(Duration.ofSeconds(Math.max(30, timeoutSeconds)))
            .build();
    try {
      ServerHealth health = client.health().join();
      if (!health.revision().equals(expectedRevision)) {
        err.println(
            "FAIL: "
                + url
                + " runs revision "
                + health.revision()
                + ", expected "
                + expectedRevision);
        return 1;
      }
      if (after != null && !health.startedAt().isAfter(after)) {
        err.println("FAIL: " + url + " started at " + health.startedAt() + ", not after " + after);
        return 1;
      }
      Path source = pdf != null ? pdf : samplePage();
      JobSnapshot job =
          client
              .submit(source, Policy.DEFAULT, Map.of(), Duration.ofSeconds(timeoutSeconds))
              .join();
      if (job.state() != JobState.SUCCEEDED) {
        err.println("FAIL: the test conversion ended " + job.state() + " (job " + job.id() + ")");
        return 1;
      }
      ConversionResult result = client.result(job.id()).join();
      String sent = Hashing.sha256Hex(Files.readAllBytes(source));
      if (!sent.equals(result.manifest().source().sha256())) {
        err.println("FAIL: the manifest names another source than the PDF sent");
        return 1;
      }
      out.println(
          "OK: "
              + url
              + " runs "
              + health.revision()
              + " since "
              + health.startedAt()
              + "; job "
              + job.id()
              + " converted "
              + result.manifest().pages()
              + " page(s) on "
              + result.manifest().engineId()
              + ", result verified ("
              + result.markdown().getBytes(StandardCharsets.UTF_8).length
              + " bytes, sha256 "
              + result.manifest().sha256()
              + ")");
      return 0;
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      err.println("FAIL: " + url + ": " + cause.getMessage());
      return 1;
    }
  }

  private Instant parseStartedAfter() {
    if (startedAfter == null) {
      return null;
    }
    try {
      return Instant.parse(startedAfter);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(), "--started-after is an ISO-8601 instant: " + startedAfter);
    }
  }

  private String key() throws IOException {
    if (apiKeyFile != null) {
      List<String> keys = ApiKeyFile.read(apiKeyFile);
      if (!keys.isEmpty()) {
        return keys.get(0);
      }
    }
    String key = System.getenv(KEY_VARIABLE);
    if (key == null || key.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "an API key is needed: --api-key-file FILE or " + KEY_VARIABLE);
    }
    return key.strip();
  }

  private static Path samplePage() throws IOException {
    Path file = Files.createTempFile("convertalot-verify-", ".pdf");
    file.toFile().deleteOnExit();
    CdsTraining.writeSamplePage(file);
    return file;
  }
}
