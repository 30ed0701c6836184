/**
 * The Docling engine (GPU). Not implemented in this release: see the module description. Nothing
 * here is registered with ServiceLoader yet, so adding this jar changes no behaviour.
 */
package org.convertalot.backend.docling;
