/**
 * The Docling engine and the GPU runtime probe (CUDA driver API, NVML, HIP through JNA). The engine
 * ({@link org.convertalot.backend.docling.DoclingBackend}, id {@code docling}) runs Docling in
 * supervised Python worker processes, one per GPU; it is found through {@link
 * java.util.ServiceLoader}, and its implementation ({@code
 * org.convertalot.backend.docling.internal}) is not exported.
 */
module org.convertalot.backend.docling {
  // The Docling engine: the SPI it implements, the worker protocol's JSON, logging.
  requires transitive org.convertalot.api;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports org.convertalot.backend.docling;

  provides org.convertalot.api.backend.ConversionBackendProvider with
      org.convertalot.backend.docling.DoclingBackendProvider;
}
