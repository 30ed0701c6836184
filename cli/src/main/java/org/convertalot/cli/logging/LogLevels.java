package org.convertalot.cli.logging;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.event.Level;

/**
 * The log levels of the JSON format, read from the same settings as the text format's
 * (slf4j-simple's {@code simplelogger.properties} and {@code org.slf4j.simpleLogger.*} system
 * properties, which {@code --verbose} sets): one place says what is logged, whatever the format.
 */
final class LogLevels {
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  /** A level that logs nothing. */
  static final int OFF = Integer.MAX_VALUE;

  private final Properties settings;

  private LogLevels(Properties settings) {
    this.settings = settings;
  }

  static LogLevels load() {
    Properties settings = new Properties();
    try (InputStream in = LogLevels.class.getResourceAsStream("/simplelogger.properties")) {
      if (in != null) {
        settings.load(in);
      }
    } catch (IOException e) {
      // Without the file the defaults below apply.
    }
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(PREFIX)) {
        settings.setProperty(name, System.getProperty(name));
      }
    }
    return new LogLevels(settings);
  }

  /** The least severe level {@code logger} logs, as an SLF4J level int, or {@link #OFF}. */
  int threshold(String logger) {
    String name = logger;
    while (true) {
      String level = settings.getProperty(PREFIX + "log." + name);
      if (level != null) {
        return parse(level);
      }
      int dot = name.lastIndexOf('.');
      if (dot < 0) {
        return parse(settings.getProperty(PREFIX + "defaultLogLevel", "warn"));
      }
      name = name.substring(0, dot);
    }
  }

  private static int parse(String level) {
    String l = level.strip().toUpperCase(Locale.ROOT);
    if (l.equals("OFF")) {
      return OFF;
    }
    try {
      return Level.valueOf(l).toInt();
    } catch (IllegalArgumentException e) {
      return Level.WARN.toInt();
    }
  }
}
