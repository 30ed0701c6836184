package org.convertalot.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.Warning;
import org.convertalot.core.ConvertALot;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code convert FILE} without {@code --out} (or with {@code --out -}): one PDF, from a file or
 * from standard input ({@code -}), converted and written to standard output as Markdown, nothing
 * else on it; warnings and errors go to standard error. The jobs live in a private temporary data
 * root, deleted at the end, unless a data root or a database is given.
 */
final class StdoutConversion {
  /** The input that means standard input. */
  static final String STDIN = "-";

  private StdoutConversion() {}

  /** Whether {@code --out} asks for standard output. */
  static boolean wanted(Path out) {
    return out == null || out.toString().equals(STDIN);
  }

  /**
   * Converts {@code input} and prints its Markdown.
   *
   * @param stdin the stream {@code -} reads
   * @param builder the runtime's builder with the command's engine settings and passwords
   * @param spec the command, whose streams get the Markdown and the messages
   * @return the exit code: 0 converted, 1 failed
   */
  static int run(
      Path input,
      InputStream stdin,
      StoreOptions store,
      Path dataRoot,
      RequestOptions request,
      ConvertALot.Builder builder,
      int threads,
      CommandSpec spec,
      boolean verbose)
      throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Checked as the batch form checks them: a bad option is a usage error, before any work.
    request.checkAgainst(builder, spec);
    Path scratch = Files.createTempDirectory("convertalot-");
    try {
      StoreTarget target =
          store.resolve(
              dataRoot,
              () -> (dataRoot != null ? dataRoot : scratch.resolve("data")).toAbsolutePath());
      try (OpenedStore opened = target.open(threads);
          ConversionRuntime runtime = opened.applyTo(builder).workers(threads).build()) {
        // Standard input is staged by the runtime, as any stream source: hashed once, held to
        // the size limit, deleted when the job ends.
        ConversionResult result =
            runtime.convert(
                input.toString().equals(STDIN)
                    ? request.request(ConversionRequest.builder(stdin, "stdin.pdf"))
                    : request.request(input));
        for (Warning w : result.warnings()) {
          err.println("warning " + w.code() + ": " + Display.safe(w.message()));
        }
        err.flush();
        out.print(result.markdown());
        out.flush();
        return 0;
      } catch (ParameterException e) {
        throw e;
      } catch (RuntimeException e) {
        return Errors.report(err, e, verbose, target.secrets());
      }
    } finally {
      OutputFiles.deleteTree(scratch);
    }
  }
}
