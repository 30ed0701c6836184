/**
 * Helpers every {@link org.convertalot.core.store.JobStore} needs, whichever module it lives in:
 * the contract's record invariants ({@link org.convertalot.core.store.spi.JobInvariants}), the
 * stored JSON form of records and manifests ({@link org.convertalot.core.store.spi.JobCodec}, bytes
 * and strings only) and streamed SHA-256 ({@link org.convertalot.core.store.spi.Hashing}, {@link
 * org.convertalot.core.store.spi.HashingOutputStream}). The lifecycle rules themselves are {@link
 * org.convertalot.core.store.JobTransitions}. For store authors; applications need none of it.
 */
package org.convertalot.core.store.spi;
