package org.convertalot.backend.docling.gpu.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What every fake binding shares: scripted return codes and throws, and the calls it received. */
abstract class FakeNative {

  private final Map<String, Integer> codes = new HashMap<>();
  private final Map<String, Throwable> throwing = new HashMap<>();
  private final List<String> calls = new ArrayList<>();

  /** Makes a C function return a code. */
  void script(String function, int code) {
    codes.put(function, code);
  }

  /** Makes a C function throw, as JNA does for a symbol the library lacks. */
  void scriptThrow(String function, Throwable thrown) {
    throwing.put(function, thrown);
  }

  /** Records a call and returns its scripted code (0 unless scripted), or throws. */
  final int enter(String function) {
    calls.add(function);
    Throwable thrown = throwing.get(function);
    if (thrown instanceof Error error) {
      throw error;
    }
    if (thrown instanceof RuntimeException runtime) {
      throw runtime;
    }
    return codes.getOrDefault(function, 0);
  }

  /** {@return the C functions called, in order} */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  /** {@return how often a C function was called} */
  public long count(String function) {
    return calls.stream().filter(function::equals).count();
  }
}
