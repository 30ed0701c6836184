/** The Convert-a-Lot runtime served over HTTP: {@link org.convertalot.server.ConversionServer}. */
module org.convertalot.server {
  requires transitive org.convertalot.api;
  requires org.convertalot.core;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.http;
  requires org.eclipse.jetty.io;
  requires org.eclipse.jetty.util;
  requires com.fasterxml.jackson.databind;

  exports org.convertalot.server;
}
