package org.convertalot.backend.docling.gpu.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;

/** Conversions between C buffers and Java values shared by the JNA bindings. */
final class NativeText {

  private NativeText() {}

  /**
   * A NUL-terminated string written into a buffer.
   *
   * @param buffer the buffer the C function wrote
   * @return the text before the first NUL
   */
  static String cString(byte[] buffer) {
    int end = 0;
    while (end < buffer.length && buffer[end] != 0) {
      end++;
    }
    return new String(buffer, 0, end, StandardCharsets.UTF_8);
  }

  /** {@return a zeroed buffer for one {@code size_t}} */
  static Memory sizeT() {
    Memory memory = new Memory(Native.SIZE_T_SIZE);
    memory.clear();
    return memory;
  }

  /**
   * Reads a {@code size_t} written into a buffer from {@link #sizeT()}.
   *
   * @param memory the buffer
   * @return the value, unsigned
   */
  static long readSizeT(Memory memory) {
    return Native.SIZE_T_SIZE == 8 ? memory.getLong(0) : memory.getInt(0) & 0xFFFF_FFFFL;
  }
}
