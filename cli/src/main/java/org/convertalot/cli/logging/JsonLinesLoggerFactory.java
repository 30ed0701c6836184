package org.convertalot.cli.logging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;

/** The loggers of {@link JsonLinesProvider}: one JSON object per line, written whole. */
final class JsonLinesLoggerFactory implements ILoggerFactory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LogLevels levels;
  private final PrintStream out;
  private final MDCAdapter mdc;
  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();

  JsonLinesLoggerFactory(LogLevels levels, PrintStream out, MDCAdapter mdc) {
    this.levels = levels;
    this.out = out;
    this.mdc = mdc;
  }

  @Override
  public Logger getLogger(String name) {
    return loggers.computeIfAbsent(name, n -> new JsonLinesLogger(n, levels.threshold(n)));
  }

  /** The line of one event. */
  String line(String logger, Level level, String message, Throwable error) {
    ObjectNode n = JSON.createObjectNode();
    n.put("ts", Instant.now().toString());
    n.put("level", level.name());
    n.put("logger", logger);
    n.put("thread", Thread.currentThread().getName());
    n.put("message", message);
    Map<String, String> context = mdc.getCopyOfContextMap();
    if (context != null) {
      context.forEach(n::put);
    }
    if (error != null) {
      n.put("error", error.toString());
      StringWriter trace = new StringWriter();
      error.printStackTrace(new PrintWriter(trace));
      n.put("stack_trace", trace.toString());
    }
    return n.toString();
  }

  private final class JsonLinesLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final int threshold;

    JsonLinesLogger(String name, int threshold) {
      this.name = name;
      this.threshold = threshold;
    }

    private boolean on(Level level) {
      return level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
      return on(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return on(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return on(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return on(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return on(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable error) {
      String message = MessageFormatter.basicArrayFormat(pattern, arguments);
      // One println per event: lines from several threads never interleave.
      out.println(line(name, level, message, error));
    }
  }
}
