/**
 * The Docling engine and the GPU runtime probe. The engine ({@link
 * org.convertalot.backend.docling.DoclingBackend}, id {@code docling}) runs Docling in supervised
 * Python worker processes, one per GPU; it is found through {@link java.util.ServiceLoader}, and
 * its implementation ({@code org.convertalot.backend.docling.internal}) is not exported. The probe
 * ({@link org.convertalot.backend.docling.gpu.GpuProbe}) asks the CUDA driver API, HIP and NVML
 * through JNA whether this process can use a GPU.
 */
module org.convertalot.backend.docling {
  // The engine: the SPI it implements, the worker protocol's JSON, logging.
  requires transitive org.convertalot.api;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  // The probe. No opens: JNA proxies the internal package-private Library interfaces without deep
  // reflection (no Structure or Callback is used).
  requires com.sun.jna;

  exports org.convertalot.backend.docling;
  exports org.convertalot.backend.docling.gpu;

  provides org.convertalot.api.backend.ConversionBackendProvider with
      org.convertalot.backend.docling.DoclingBackendProvider;
}
