/**
 * The Docling engine and the GPU runtime probe. The probe ({@link
 * org.convertalot.backend.docling.gpu.GpuProbe}) asks the CUDA driver API, HIP and NVML through JNA
 * whether this process can use a GPU. The engine is not here yet, so no provider is registered:
 * {@code gpu_prefer} falls back to CPU and {@code gpu_required} fails with {@code
 * gpu_not_available}.
 */
module org.convertalot.backend.docling {
  requires transitive org.convertalot.api;
  requires com.sun.jna;

  exports org.convertalot.backend.docling.gpu;

// No opens: JNA proxies the internal package-private Library interfaces without deep
// reflection (no Structure or Callback is used).
}
