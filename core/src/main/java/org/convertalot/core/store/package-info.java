/**
 * The job store SPI: {@link org.convertalot.core.store.JobStore}, the lifecycle rules every store
 * decides with ({@link org.convertalot.core.store.JobTransitions}), the values a store takes and
 * gives ({@link org.convertalot.core.store.NewJob}, {@link
 * org.convertalot.core.store.StagedArtifact}, {@link org.convertalot.core.store.SubmitResult},
 * {@link org.convertalot.core.store.VerifyReport}), and the embedded file store behind {@link
 * org.convertalot.core.store.JobStores}. Helpers for writing a store are in {@link
 * org.convertalot.core.store.spi}.
 */
package org.convertalot.core.store;
