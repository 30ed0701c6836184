/**
 * The Convert-a-Lot runtime: {@link org.convertalot.core.ConvertALot} builds a {@link
 * org.convertalot.api.ConversionRuntime}; {@link org.convertalot.core.store.JobStore} is the store
 * SPI with the embedded file store behind {@link org.convertalot.core.store.JobStores}.
 */
module org.convertalot.core {
  requires transitive org.convertalot.api;
  requires org.slf4j;
  // Internal only: the exported API hands out JSON as text, never Jackson types.
  requires com.fasterxml.jackson.databind;
  requires org.commonmark;
  requires org.commonmark.ext.gfm.tables;

  exports org.convertalot.core;
  exports org.convertalot.core.store;
  // For store modules (PostgreSQL): invariants, record codec, streamed hashing.
  exports org.convertalot.core.store.spi;
  // For the CLI's own output temp files: the one rule for telling a dead process's leftovers.
  exports org.convertalot.core.internal.process to
      org.convertalot.cli;

  uses org.convertalot.api.backend.ConversionBackendProvider;
}
