package org.convertalot.backend.docling.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.GpuDevice;

/**
 * What a worker's {@code hello} reply says about its interpreter: versions, whether Docling and
 * torch import, and the GPUs torch sees.
 *
 * @param protocol the protocol version the worker speaks
 * @param pid the worker's process id
 * @param python the Python version
 * @param executable the interpreter's path
 * @param docling Docling's version, or {@code null}
 * @param doclingError why Docling is not usable, or {@code null}
 * @param torch torch's version, or {@code null}
 * @param torchError why torch is not usable, or {@code null}
 * @param cuda the CUDA version torch was built for, or {@code null}
 * @param hip the HIP (ROCm) version torch was built for, or {@code null}
 * @param cudaAvailable whether torch can use a GPU
 * @param devices the GPUs torch sees
 */
record WorkerInfo(
    int protocol,
    long pid,
    String python,
    String executable,
    String docling,
    String doclingError,
    String torch,
    String torchError,
    String cuda,
    String hip,
    boolean cudaAvailable,
    List<GpuDevice> devices) {

  WorkerInfo {
    devices = List.copyOf(devices);
  }

  static WorkerInfo of(Protocol.Line hello) {
    List<GpuDevice> devices = new ArrayList<>();
    JsonNode list = hello.json().get("devices");
    if (list != null && list.isArray()) {
      for (JsonNode d : list) {
        devices.add(
            new GpuDevice(
                d.path("index").asInt(devices.size()),
                d.path("name").asText("GPU " + devices.size()),
                d.path("total_memory").asLong(0)));
      }
    }
    return new WorkerInfo(
        (int) hello.number("protocol", -1),
        hello.number("pid", -1),
        hello.text("python"),
        hello.text("executable"),
        hello.text("docling"),
        hello.text("docling_error"),
        hello.text("torch"),
        hello.text("torch_error"),
        hello.text("cuda"),
        hello.text("hip"),
        hello.flag("cuda_available", false),
        devices);
  }

  /** {@return ROCm when torch is a HIP build, else CUDA} */
  Acceleration acceleration() {
    return hip != null ? Acceleration.ROCM : Acceleration.CUDA;
  }

  /** {@return for example {@code docling 2.121.0, torch 2.8.0 (CUDA 12.8), Python 3.12.3}} */
  String summary() {
    String gpuBuild = hip != null ? "ROCm " + hip : cuda != null ? "CUDA " + cuda : "CPU only";
    return "docling "
        + docling
        + ", torch "
        + torch
        + " ("
        + gpuBuild
        + "), Python "
        + python
        + " at "
        + executable;
  }
}
