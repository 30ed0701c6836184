/** JMH benchmarks of Convert-a-Lot. Run with {@code java -jar jmh/target/benchmarks.jar}. */
module org.convertalot.jmh {
  requires org.convertalot.core;
  requires org.convertalot.testkit;
  requires org.convertalot.backend.pdfbox;
  requires org.apache.pdfbox;
  requires jmh.core;

  exports org.convertalot.jmh;
  exports org.convertalot.jmh.jmh_generated;
}
