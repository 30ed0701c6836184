/**
 * The engine SPI: implement {@link org.convertalot.api.backend.ConversionBackend} and register a
 * {@link org.convertalot.api.backend.ConversionBackendProvider}.
 */
package org.convertalot.api.backend;
