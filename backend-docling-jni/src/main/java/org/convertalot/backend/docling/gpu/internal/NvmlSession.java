package org.convertalot.backend.docling.gpu.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.convertalot.api.backend.ProbeCause;

/**
 * NVML between one {@code nvmlInit_v2} and its {@code nvmlShutdown}, opened on first use (NVML's
 * init can take a while on a large machine, so a probe that does not need it never pays for it).
 * Every method turns NVML's codes and linkage errors into values; none throws. Not thread-safe:
 * callers hold their own lock.
 */
final class NvmlSession implements AutoCloseable {

  /**
   * Why NVML cannot answer.
   *
   * @param cause what it says about the GPU runtime, or {@code null} when nothing
   * @param message one or two sentences naming the library, function and code
   */
  record Problem(ProbeCause cause, String message) {}

  /**
   * What NVML sees, for the message of a probe CUDA could not complete.
   *
   * @param gpus how many GPUs NVML lists (0 when it cannot say)
   * @param text one or more sentences
   */
  record Survey(int gpus, String text) {}

  private final Supplier<Loaded<Nvml>> loader;
  private Loaded<Nvml> loaded;
  private Problem problem;
  private boolean initialized;
  private boolean closed;

  /**
   * A session that loads NVML from the given supplier on first use.
   *
   * @param loader loads NVML; called at most once
   */
  NvmlSession(Supplier<Loaded<Nvml>> loader) {
    this.loader = loader;
  }

  /** {@return whether NVML is loaded and initialized, loading and initializing it if needed} */
  boolean open() {
    if (closed) {
      return false;
    }
    if (loaded == null) {
      loaded = loader.get();
      if (!loaded.isBound()) {
        problem =
            new Problem(
                ProbeCause.DRIVER_MISSING,
                loaded.library() + " could not be loaded (" + loaded.failure() + ").");
        return false;
      }
      try {
        int code = loaded.binding().init();
        initialized = code == 0;
        if (!initialized) {
          problem = problem("nvmlInit_v2", code);
        }
      } catch (LinkageError | RuntimeException e) {
        problem = linkageProblem("nvmlInit_v2", e);
      }
    }
    return initialized;
  }

  /** {@return why NVML cannot answer; only meaningful after {@link #open()} returned false} */
  Problem problem() {
    if (closed) {
      return new Problem(null, "The utilization sampler is closed.");
    }
    return problem == null ? new Problem(null, "NVML is not open.") : problem;
  }

  /** {@return the library as messages name it} */
  String library() {
    return loaded == null ? JnaLibraries.NVML_LIBRARY : loaded.describe();
  }

  /**
   * NVML's name for the GPU at a PCI bus id.
   *
   * @param pciBusId a bus id as CUDA writes it
   * @return the name, or empty when NVML cannot tell
   */
  Optional<String> nameByPciBusId(String pciBusId) {
    if (!open()) {
      return Optional.empty();
    }
    try {
      CallResult<Long> handle = nvml().handleByPciBusId(pciBusId);
      if (!handle.succeeded()) {
        return Optional.empty();
      }
      CallResult<String> name = nvml().name(handle.value());
      return name.succeeded() && !name.value().isBlank()
          ? Optional.of(name.value().strip())
          : Optional.empty();
    } catch (LinkageError | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@return what NVML sees: the GPUs it lists by name, or why it cannot say} */
  Survey survey() {
    if (!open()) {
      return new Survey(0, "NVML: " + problem().message());
    }
    String step = "nvmlDeviceGetCount_v2";
    try {
      CallResult<Integer> count = nvml().deviceCount();
      if (!count.succeeded()) {
        return new Survey(0, "NVML: " + describe(step, count.code()));
      }
      if (count.value() <= 0) {
        return new Survey(0, "NVML (" + library() + ") sees no GPU either.");
      }
      List<String> names = new ArrayList<>();
      for (int index = 0; index < count.value(); index++) {
        step = "nvmlDeviceGetHandleByIndex_v2";
        CallResult<Long> handle = nvml().handleByIndex(index);
        if (!handle.succeeded()) {
          names.add(index + ": " + describe(step + "(" + index + ")", handle.code()));
          continue;
        }
        step = "nvmlDeviceGetName";
        CallResult<String> name = nvml().name(handle.value());
        names.add(
            index
                + ": "
                + (name.succeeded()
                    ? name.value().strip()
                    : describe(step + "(" + index + ")", name.code())));
      }
      return new Survey(
          count.value(),
          "NVML ("
              + library()
              + ") sees "
              + count.value()
              + (count.value() == 1 ? " GPU (" : " GPUs (")
              + String.join("; ", names)
              + "), but CUDA cannot use "
              + (count.value() == 1 ? "it." : "them."));
    } catch (LinkageError | RuntimeException e) {
      return new Survey(0, "NVML: " + linkageProblem(step, e).message());
    }
  }

  /** {@return the open binding; only after {@link #open()} returned true} */
  Nvml nvml() {
    return loaded.binding();
  }

  /**
   * The problem an NVML code stands for.
   *
   * @param function the C function called
   * @param code what it returned
   * @return the cause and message
   */
  Problem problem(String function, int code) {
    return new Problem(ReturnCodes.nvml(code).cause(), describe(function, code));
  }

  /**
   * The problem a linkage error (a symbol the library lacks) stands for: {@code driver_missing}.
   *
   * @param function the C function called
   * @param e what JNA threw
   * @return the cause and message
   */
  Problem linkageProblem(String function, Throwable e) {
    return new Problem(
        ProbeCause.DRIVER_MISSING,
        library() + ": calling " + function + " failed (" + NativeLoader.oneLine(e) + ").");
  }

  private String describe(String function, int code) {
    Optional<String> description;
    try {
      description = nvml().errorString(code);
    } catch (LinkageError | RuntimeException e) {
      description = Optional.empty();
    }
    return ReturnCodes.describe(library(), function, code, description, ReturnCodes.nvml(code));
  }

  /** Shuts NVML down if this session initialized it; later calls answer nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (initialized) {
      try {
        nvml().shutdown();
      } catch (LinkageError | RuntimeException e) {
        // Nothing to report to: the session is over either way.
      }
    }
  }
}
