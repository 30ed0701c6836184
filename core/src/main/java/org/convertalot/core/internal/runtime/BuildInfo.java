package org.convertalot.core.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the build's version and git revision, generated into the jar at build time. */
final class BuildInfo {
  private static final Logger LOG = LoggerFactory.getLogger(BuildInfo.class);

  private BuildInfo() {}

  static Properties read() {
    Properties p = new Properties();
    try (InputStream in =
        BuildInfo.class.getResourceAsStream("/org/convertalot/core/build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      LOG.debug("no build info", e);
    }
    return p;
  }
}
