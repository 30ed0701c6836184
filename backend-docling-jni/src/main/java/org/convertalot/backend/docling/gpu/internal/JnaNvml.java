package org.convertalot.backend.docling.gpu.internal;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;
import java.util.Optional;

/** {@link Nvml} over {@code libnvidia-ml.so.1} through JNA. */
final class JnaNvml implements Nvml {

  /** {@code NVML_DEVICE_NAME_V2_BUFFER_SIZE}. */
  private static final int NAME_BUFFER = 96;

  /** {@code nvmlUtilization_t}: two {@code unsigned int}s, gpu then memory. */
  private static final int UTILIZATION_SIZE = 8;

  /** The C functions, bound by name when first called. {@code nvmlReturn_t} is an int. */
  interface LibNvml extends Library {
    int nvmlInit_v2();

    int nvmlShutdown();

    int nvmlDeviceGetCount_v2(IntByReference count);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetHandleByPciBusId_v2(String pciBusId, PointerByReference device);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetUtilizationRates(Pointer device, Pointer utilization);

    Pointer nvmlErrorString(int result);
  }

  private final LibNvml lib;

  private JnaNvml(LibNvml lib) {
    this.lib = lib;
  }

  /**
   * Loads NVML.
   *
   * @param library the library as messages name it
   * @param candidates the names or paths to try, in order
   * @return the binding, or why it could not be loaded
   */
  static Loaded<Nvml> load(String library, List<String> candidates) {
    return NativeLoader.load(LibNvml.class, library, candidates).map(JnaNvml::new);
  }

  @Override
  public int init() {
    return lib.nvmlInit_v2();
  }

  @Override
  public int shutdown() {
    return lib.nvmlShutdown();
  }

  @Override
  public CallResult<Integer> deviceCount() {
    IntByReference count = new IntByReference();
    int code = lib.nvmlDeviceGetCount_v2(count);
    return code == 0 ? CallResult.ok(count.getValue()) : CallResult.failed(code);
  }

  @Override
  public CallResult<Long> handleByIndex(int index) {
    PointerByReference device = new PointerByReference();
    return handle(lib.nvmlDeviceGetHandleByIndex_v2(index, device), device);
  }

  @Override
  public CallResult<Long> handleByPciBusId(String pciBusId) {
    PointerByReference device = new PointerByReference();
    return handle(lib.nvmlDeviceGetHandleByPciBusId_v2(pciBusId, device), device);
  }

  @Override
  public CallResult<String> name(long handle) {
    byte[] name = new byte[NAME_BUFFER];
    int code = lib.nvmlDeviceGetName(new Pointer(handle), name, name.length);
    return code == 0 ? CallResult.ok(NativeText.cString(name)) : CallResult.failed(code);
  }

  @Override
  public CallResult<Utilization> utilization(long handle) {
    Memory rates = new Memory(UTILIZATION_SIZE);
    rates.clear();
    int code = lib.nvmlDeviceGetUtilizationRates(new Pointer(handle), rates);
    return code == 0
        ? CallResult.ok(new Utilization(rates.getInt(0), rates.getInt(4)))
        : CallResult.failed(code);
  }

  @Override
  public Optional<String> errorString(int code) {
    Pointer text = lib.nvmlErrorString(code);
    return text == null ? Optional.empty() : Optional.of(text.getString(0));
  }

  private static CallResult<Long> handle(int code, PointerByReference device) {
    if (code != 0) {
      return CallResult.failed(code);
    }
    return CallResult.ok(Pointer.nativeValue(device.getValue()));
  }
}
