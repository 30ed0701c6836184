/**
 * The Convert-a-Lot runtime served over HTTP ({@link org.convertalot.server.ConversionServer}) and
 * a client of it ({@link org.convertalot.server.ConversionClient}).
 */
module org.convertalot.server {
  requires transitive org.convertalot.api;
  requires org.convertalot.core;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.http;
  requires org.eclipse.jetty.io;
  requires org.eclipse.jetty.util;
  // ConversionClient talks to a server with the JDK's HTTP client.
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires io.prometheus.metrics.core;
  requires io.prometheus.metrics.model;
  requires io.prometheus.writer.text;
  requires org.slf4j;

  exports org.convertalot.server;
}
