/**
 * The one unchecked error hierarchy. Catch {@link org.convertalot.api.error.ConversionException}
 * and switch on {@link org.convertalot.api.error.ConversionException#code()}, or catch a subtype.
 */
package org.convertalot.api.error;
