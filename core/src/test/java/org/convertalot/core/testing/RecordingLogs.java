package org.convertalot.core.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of core's tests: prints INFO and above to stderr, as slf4j-simple did, and
 * records every event with the MDC it was logged under, so that a test can check what the runtime
 * logs. Registered in {@code META-INF/services} of the test classes only (left out of the
 * test-jar).
 */
public final class RecordingLogs implements SLF4JServiceProvider {
  /** One logged line. */
  public record Event(String logger, Level level, String message, Map<String, String> mdc) {}

  private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();
  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, Recorder::new);

  /** {@return every event recorded so far in this JVM} */
  public static List<Event> events() {
    return List.copyOf(EVENTS);
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private final class Recorder extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    Recorder(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] args, Throwable thrown) {
      String message = MessageFormatter.basicArrayFormat(pattern, args);
      Map<String, String> context = mdc.getCopyOfContextMap();
      EVENTS.add(new Event(name, level, message, context == null ? Map.of() : Map.copyOf(context)));
      if (level.toInt() >= Level.INFO.toInt()) {
        System.err.println(
            "[" + Thread.currentThread().getName() + "] " + level + " " + name + " - " + message);
        if (thrown != null) {
          thrown.printStackTrace();
        }
      }
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
