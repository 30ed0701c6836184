package org.convertalot.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code convertalot serve} process from the shaded jar, its address read from its output. */
final class ServeProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("serving .* on (http://\\S+)");

  private final Process process;
  private final URI uri;

  private ServeProcess(Process process, URI uri) {
    this.process = process;
    this.uri = uri;
  }

  /** Starts {@code serve} with the key in the environment and waits until it serves. */
  static ServeProcess start(String key, String... args) throws Exception {
    return serving(launch(Map.of(ServeCommand.KEYS_VARIABLE, key), args));
  }

  /**
   * Launches {@code serve} with exactly the given environment variables for API keys (none when
   * empty) and does not wait.
   */
  static Process launch(Map<String, String> keys, String... args) throws IOException {
    List<String> command = Processes.javaJar("serve");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove(ServeCommand.KEYS_VARIABLE);
    builder.environment().putAll(keys);
    return builder.start();
  }

  /** The process once it says where it serves; its output is drained on a thread of its own. */
  static ServeProcess serving(Process process) throws Exception {
    // Read the output on its own thread: a full pipe would block the server's logging.
    CompletableFuture<URI> served = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader output =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                  Matcher m = SERVING.matcher(line);
                  if (m.find()) {
                    served.complete(URI.create(m.group(1)));
                  }
                }
              } catch (IOException e) {
                served.completeExceptionally(e);
              }
              served.completeExceptionally(new IOException("the server ended without serving"));
            },
            "serve-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ServeProcess(process, served.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  URI uri() {
    return uri;
  }

  Process process() {
    return process;
  }

  /** Kills the process at once, as kill -9 does. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
