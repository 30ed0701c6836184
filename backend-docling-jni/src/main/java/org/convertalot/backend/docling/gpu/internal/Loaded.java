package org.convertalot.backend.docling.gpu.internal;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of loading one native library: a binding, or the reason it could not be loaded.
 * Loading never throws; a missing library is this value with a {@link #failure()}.
 *
 * @param binding the binding, or {@code null} when the library could not be loaded
 * @param library the library as messages name it: the requested file name (for example {@code
 *     libcuda.so.1}) or the override path
 * @param file the file the dynamic linker actually opened, or {@code null} when unknown
 * @param failure why the library could not be loaded, or {@code null} when it was
 * @param <T> the type of the binding
 */
public record Loaded<T>(T binding, String library, String file, String failure) {

  /**
   * Validates the fields: exactly one of binding and failure is present.
   *
   * @param binding the binding, or {@code null} when the library could not be loaded
   * @param library the library as messages name it
   * @param file the file the dynamic linker actually opened, or {@code null}
   * @param failure why the library could not be loaded, or {@code null} when it was
   */
  public Loaded {
    Objects.requireNonNull(library, "library");
    if ((binding == null) == (failure == null)) {
      throw new IllegalArgumentException("exactly one of binding and failure");
    }
  }

  /**
   * A library that was loaded.
   *
   * @param binding the binding
   * @param library the library as messages name it
   * @param file the file opened, or {@code null} when unknown
   * @param <T> the type of the binding
   * @return the outcome
   */
  public static <T> Loaded<T> bound(T binding, String library, String file) {
    return new Loaded<>(Objects.requireNonNull(binding, "binding"), library, file, null);
  }

  /**
   * A library that could not be loaded.
   *
   * @param library the library as messages name it
   * @param failure why, in one line
   * @param <T> the type of the binding it would have given
   * @return the outcome
   */
  public static <T> Loaded<T> missing(String library, String failure) {
    return new Loaded<>(null, library, null, Objects.requireNonNull(failure, "failure"));
  }

  /** {@return whether the library was loaded} */
  public boolean isBound() {
    return binding != null;
  }

  /** {@return the library's name for messages, with the file opened when it differs} */
  public String describe() {
    return file == null || file.equals(library) ? library : library + " (" + file + ")";
  }

  /**
   * Wraps the binding, keeping the rest.
   *
   * @param wrap turns the raw binding into another
   * @param <U> the type of the new binding
   * @return the outcome with the wrapped binding, or the same failure
   */
  public <U> Loaded<U> map(Function<? super T, ? extends U> wrap) {
    return isBound()
        ? Loaded.bound(wrap.apply(binding), library, file)
        : Loaded.missing(library, failure);
  }
}
