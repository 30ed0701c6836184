/**
 * The GPU probe's implementation, not exported: the native functions behind Java interfaces ({@link
 * org.convertalot.backend.docling.gpu.internal.CudaDriver}, {@link
 * org.convertalot.backend.docling.gpu.internal.Nvml}, {@link
 * org.convertalot.backend.docling.gpu.internal.Hip}) with JNA bindings and test fakes, the
 * classification of every return code, and the probe and utilization logic over them.
 */
package org.convertalot.backend.docling.gpu.internal;
