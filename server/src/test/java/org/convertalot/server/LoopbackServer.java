package org.convertalot.server;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.core.ConvertALot;

/**
 * What every server test starts: a runtime on a fresh data root with the PDFBox engine (found by
 * ServiceLoader) and one worker, and a server over it on a free loopback port.
 */
final class LoopbackServer implements AutoCloseable {
  final ConversionRuntime runtime;
  final ConversionServer server;

  private LoopbackServer(ConversionRuntime runtime, ConversionServer server) {
    this.runtime = runtime;
    this.server = server;
  }

  /**
   * Starts one.
   *
   * @param dir the test's folder: the data root and the uploads go under it
   * @param key the API key the server accepts
   * @param options more builder settings (a second key, a source root, limits, a clock)
   */
  static LoopbackServer start(
      Path dir, String key, UnaryOperator<ConversionServer.Builder> options) {
    ConversionRuntime runtime =
        ConvertALot.builder().dataRoot(dir.resolve("data")).workers(1).build();
    ConversionServer server =
        options
            .apply(
                ConversionServer.builder(runtime)
                    .apiKey(key)
                    .uploads(dir.resolve("data").resolve("uploads")))
            .build()
            .start();
    return new LoopbackServer(runtime, server);
  }

  static LoopbackServer start(Path dir, String key) {
    return start(dir, key, b -> b);
  }

  @Override
  public void close() {
    server.close();
    runtime.close();
  }
}
