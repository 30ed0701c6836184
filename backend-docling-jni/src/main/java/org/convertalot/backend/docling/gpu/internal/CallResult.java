package org.convertalot.backend.docling.gpu.internal;

/**
 * What one native call returned: its status code ({@code CUresult}, {@code nvmlReturn_t} or {@code
 * hipError_t}, all 0 on success) and, on success, the value it wrote through its out parameter.
 *
 * @param code the status code the function returned
 * @param value what the call wrote, or {@code null} when it failed
 * @param <T> the type of the value
 */
public record CallResult<T>(int code, T value) {

  /**
   * A call that succeeded.
   *
   * @param value what the call wrote
   * @param <T> the type of the value
   * @return the result, code 0
   */
  public static <T> CallResult<T> ok(T value) {
    return new CallResult<>(0, value);
  }

  /**
   * A call that failed.
   *
   * @param code the non-zero status code
   * @param <T> the type of the value it would have written
   * @return the result, without a value
   */
  public static <T> CallResult<T> failed(int code) {
    return new CallResult<>(code, null);
  }

  /** {@return whether the call returned 0} */
  public boolean succeeded() {
    return code == 0;
  }
}
