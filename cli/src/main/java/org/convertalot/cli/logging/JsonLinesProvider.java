package org.convertalot.cli.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of {@code --log-format json}: every log line one JSON object on standard error,
 * with the MDC ({@code job_id}, {@code run_id}). Chosen through SLF4J's {@code slf4j.provider}
 * property, never through the service registry, so that the text format's binding (slf4j-simple)
 * stays the only one found otherwise.
 */
public final class JsonLinesProvider implements SLF4JServiceProvider {
  private final BasicMDCAdapter mdc = new BasicMDCAdapter();
  private final BasicMarkerFactory markers = new BasicMarkerFactory();
  private JsonLinesLoggerFactory loggers;

  /** Created by SLF4J. */
  public JsonLinesProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
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
  public void initialize() {
    loggers = new JsonLinesLoggerFactory(LogLevels.load(), System.err, mdc);
  }
}
