/**
 * The stable contract of Convert-a-Lot: requests, jobs, states, policies, results, typed errors and
 * the conversion backend SPI. Depends on nothing but the JDK.
 */
module org.convertalot.api {
  exports org.convertalot.api;
  exports org.convertalot.api.error;
  exports org.convertalot.api.backend;

  uses org.convertalot.api.backend.ConversionBackendProvider;
}
