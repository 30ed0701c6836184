/**
 * The Docling engine of Convert-a-Lot: {@link org.convertalot.backend.docling.DoclingBackend}
 * builds it with its interpreter, models folder and supervision limits, and {@link
 * org.convertalot.backend.docling.DoclingBackendProvider} lets {@link java.util.ServiceLoader} find
 * it under the id {@code docling}. The engine runs Docling on CUDA or ROCm GPUs in supervised
 * Python worker processes; its implementation is in a package that is not exported.
 */
package org.convertalot.backend.docling;
