/**
 * The GPU runtime probe: whether this process can use an NVIDIA GPU through the CUDA driver API
 * ({@code libcuda.so.1}) or an AMD GPU through HIP ({@code libamdhip64.so}), with which devices and
 * driver, and why not when it cannot; plus GPU utilization through NVML ({@code
 * libnvidia-ml.so.1}). Everything goes through JNA: there is no JNI code to compile, and a missing
 * library is a result, never an exception. The probe creates no GPU context and holds no GPU
 * memory.
 *
 * <p>Start at {@link org.convertalot.backend.docling.gpu.GpuProbe}.
 */
package org.convertalot.backend.docling.gpu;
