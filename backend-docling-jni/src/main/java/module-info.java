/**
 * The Docling engine and the GPU runtime probe (CUDA driver API, NVML, HIP through JNA). This
 * release ships the module shell only; the engine and probe arrive with their own issue, and until
 * then no provider is registered, so {@code gpu_prefer} falls back to CPU and {@code gpu_required}
 * fails with {@code gpu_not_available}.
 */
module org.convertalot.backend.docling {}
