package org.convertalot.backend.docling.gpu.internal;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.List;
import java.util.Optional;

/** {@link Hip} over {@code libamdhip64.so} through JNA. */
final class JnaHip implements Hip {

  private static final int NAME_BUFFER = 256;

  /** The C functions, bound by name when first called. {@code hipError_t} is an int. */
  interface LibHip extends Library {
    int hipGetDeviceCount(IntByReference count);

    int hipRuntimeGetVersion(IntByReference version);

    int hipDeviceGetName(byte[] name, int length, int device);

    int hipDeviceTotalMem(Pointer bytes, int device);

    int hipDeviceComputeCapability(IntByReference major, IntByReference minor, int device);

    Pointer hipGetErrorName(int error);
  }

  private final LibHip lib;

  private JnaHip(LibHip lib) {
    this.lib = lib;
  }

  /**
   * Loads the HIP runtime.
   *
   * @param library the library as messages name it
   * @param candidates the names or paths to try, in order
   * @return the binding, or why it could not be loaded
   */
  static Loaded<Hip> load(String library, List<String> candidates) {
    return NativeLoader.load(LibHip.class, library, candidates).map(JnaHip::new);
  }

  @Override
  public CallResult<Integer> deviceCount() {
    IntByReference count = new IntByReference();
    int code = lib.hipGetDeviceCount(count);
    return code == 0 ? CallResult.ok(count.getValue()) : CallResult.failed(code);
  }

  @Override
  public CallResult<Integer> runtimeVersion() {
    IntByReference version = new IntByReference();
    int code = lib.hipRuntimeGetVersion(version);
    return code == 0 ? CallResult.ok(version.getValue()) : CallResult.failed(code);
  }

  @Override
  public CallResult<String> deviceName(int device) {
    byte[] name = new byte[NAME_BUFFER];
    int code = lib.hipDeviceGetName(name, name.length, device);
    return code == 0 ? CallResult.ok(NativeText.cString(name)) : CallResult.failed(code);
  }

  @Override
  public CallResult<Long> totalMemory(int device) {
    Memory bytes = NativeText.sizeT();
    int code = lib.hipDeviceTotalMem(bytes, device);
    return code == 0 ? CallResult.ok(NativeText.readSizeT(bytes)) : CallResult.failed(code);
  }

  @Override
  public CallResult<String> computeCapability(int device) {
    IntByReference major = new IntByReference();
    IntByReference minor = new IntByReference();
    int code = lib.hipDeviceComputeCapability(major, minor, device);
    return code == 0
        ? CallResult.ok(major.getValue() + "." + minor.getValue())
        : CallResult.failed(code);
  }

  @Override
  public Optional<String> errorName(int code) {
    Pointer name = lib.hipGetErrorName(code);
    return name == null ? Optional.empty() : Optional.of(name.getString(0));
  }
}
