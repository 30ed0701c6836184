package org.convertalot.backend.docling.gpu.internal;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;
import java.util.Optional;

/** {@link CudaDriver} over {@code libcuda.so.1} through JNA. */
final class JnaCudaDriver implements CudaDriver {

  private static final int NAME_BUFFER = 256;
  private static final int PCI_BUS_ID_BUFFER = 32;

  /**
   * The C functions, bound by name when first called. {@code CUresult} and {@code CUdevice} are
   * ints; {@code size_t*} is a pointer to a {@link NativeText#sizeT()} buffer.
   */
  interface LibCuda extends Library {
    int cuInit(int flags);

    int cuDriverGetVersion(IntByReference version);

    int cuDeviceGetCount(IntByReference count);

    int cuDeviceGet(IntByReference device, int ordinal);

    int cuDeviceGetName(byte[] name, int length, int device);

    int cuDeviceTotalMem_v2(Pointer bytes, int device);

    int cuDeviceGetAttribute(IntByReference value, int attribute, int device);

    int cuDeviceGetPCIBusId(byte[] busId, int length, int device);

    int cuGetErrorName(int error, PointerByReference name);
  }

  private final LibCuda lib;

  private JnaCudaDriver(LibCuda lib) {
    this.lib = lib;
  }

  /**
   * Loads the CUDA driver.
   *
   * @param library the library as messages name it
   * @param candidates the names or paths to try, in order
   * @return the binding, or why it could not be loaded
   */
  static Loaded<CudaDriver> load(String library, List<String> candidates) {
    return NativeLoader.load(LibCuda.class, library, candidates).map(JnaCudaDriver::new);
  }

  @Override
  public int init(int flags) {
    return lib.cuInit(flags);
  }

  @Override
  public CallResult<Integer> driverVersion() {
    IntByReference version = new IntByReference();
    return intResult(lib.cuDriverGetVersion(version), version);
  }

  @Override
  public CallResult<Integer> deviceCount() {
    IntByReference count = new IntByReference();
    return intResult(lib.cuDeviceGetCount(count), count);
  }

  @Override
  public CallResult<Integer> device(int ordinal) {
    IntByReference device = new IntByReference();
    return intResult(lib.cuDeviceGet(device, ordinal), device);
  }

  @Override
  public CallResult<String> deviceName(int device) {
    byte[] name = new byte[NAME_BUFFER];
    int code = lib.cuDeviceGetName(name, name.length, device);
    return code == 0 ? CallResult.ok(NativeText.cString(name)) : CallResult.failed(code);
  }

  @Override
  public CallResult<Long> totalMemory(int device) {
    Memory bytes = NativeText.sizeT();
    int code = lib.cuDeviceTotalMem_v2(bytes, device);
    return code == 0 ? CallResult.ok(NativeText.readSizeT(bytes)) : CallResult.failed(code);
  }

  @Override
  public CallResult<Integer> attribute(int attribute, int device) {
    IntByReference value = new IntByReference();
    return intResult(lib.cuDeviceGetAttribute(value, attribute, device), value);
  }

  @Override
  public CallResult<String> pciBusId(int device) {
    byte[] busId = new byte[PCI_BUS_ID_BUFFER];
    int code = lib.cuDeviceGetPCIBusId(busId, busId.length, device);
    return code == 0 ? CallResult.ok(NativeText.cString(busId)) : CallResult.failed(code);
  }

  @Override
  public Optional<String> errorName(int code) {
    PointerByReference name = new PointerByReference();
    if (lib.cuGetErrorName(code, name) != 0 || name.getValue() == null) {
      return Optional.empty();
    }
    return Optional.of(name.getValue().getString(0));
  }

  private static CallResult<Integer> intResult(int code, IntByReference value) {
    return code == 0 ? CallResult.ok(value.getValue()) : CallResult.failed(code);
  }
}
