/**
 * The public vocabulary of Convert-a-Lot: {@link org.convertalot.api.ConversionRuntime}, requests,
 * job snapshots, results with their manifests, policies and listeners.
 */
package org.convertalot.api;
