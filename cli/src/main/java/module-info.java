/**
 * The {@code convertalot} command-line tool: batch conversion of PDF folders to Markdown, runtime
 * status and data-root verification, on a data root or a PostgreSQL schema ({@code --store
 * postgres}, through a HikariCP pool; the PostgreSQL driver is found through {@code
 * java.sql.Driver}). The shaded jar runs it on the class path; this descriptor serves users who put
 * the modules on the module path ({@code java -m org.convertalot.cli/org.convertalot.cli.Main}).
 * Engines such as the PDFBox engine are bound as services of the core module; the CLI names only
 * the Docling module, for its GPU probe ({@code probe}, {@code gpu-verify}) and the engine's
 * interpreter and model options.
 */
module org.convertalot.cli {
  requires org.convertalot.core;
  requires org.convertalot.store.postgres;
  requires org.convertalot.server;
  requires com.zaxxer.hikari;
  requires org.convertalot.eval;
  requires org.convertalot.backend.docling;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;
  // --log-format json binds SLF4J to JsonLinesProvider, which SLF4J creates reflectively.
  requires org.slf4j;
  // CdsTraining writes the page of the class-data archive's training run.
  requires org.apache.pdfbox;
  // bench reads CPU time, GC and heap pools (java.management) and the process CPU time and
  // physical memory of com.sun.management (jdk.management).
  requires java.management;
  requires jdk.management;

  // --version lists the engines with their versions.
  uses org.convertalot.api.backend.ConversionBackendProvider;

  exports org.convertalot.cli.logging to
      org.slf4j;

  // picocli instantiates the commands and injects their options reflectively.
  opens org.convertalot.cli to
      info.picocli;
  opens org.convertalot.cli.eval to
      info.picocli;
}
