package org.convertalot.backend.docling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.ConversionResult;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.StatusSnapshot;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ConversionBackendProvider;
import org.convertalot.core.ConvertALot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Discovery: the provider is found, costs nothing until probed, and fails quietly. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProviderTest {
  @TempDir Path dir;

  @Test
  void serviceLoaderFindsTheProvider() {
    // Tests run inside the engine's module, which provides but does not use the service.
    getClass().getModule().addUses(ConversionBackendProvider.class);

    List<String> ids =
        ServiceLoader.load(ConversionBackendProvider.class).stream()
            .map(provider -> provider.get().id())
            .toList();

    assertTrue(ids.contains("docling"), ids::toString);
  }

  @Test
  void theClassPathRegistrationNamesTheProvider() throws IOException {
    String resource = "/META-INF/services/org.convertalot.api.backend.ConversionBackendProvider";
    try (InputStream in = DoclingBackendProvider.class.getResourceAsStream(resource)) {
      assertTrue(in != null, resource + " is missing");
      String content = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      assertEquals(DoclingBackendProvider.class.getName(), content);
    }
  }

  @Test
  void creatingTheEngineStartsNothing() {
    DoclingBackendProvider provider = new DoclingBackendProvider();

    try (ConversionBackend first = provider.create();
        ConversionBackend second = provider.create()) {
      assertNotSame(first, second);
      assertEquals("docling", provider.id());
      assertEquals("docling", first.id());
      assertEquals(List.of(), StandIn.workerProcesses());
      assertEquals("not taken", first.diagnostics().get("probe"));
    }
  }

  /**
   * The CLI's default path on a machine without Docling: both engines discovered, the default
   * policy ({@code gpu_prefer}) probes Docling, finds it unavailable and converts on PDFBox; status
   * lists Docling first (priority) and unavailable, and no interpreter is left running.
   */
  @Test
  void withoutDoclingTheDefaultPathConvertsOnPdfBox() {
    ModuleLayer.boot()
        .findModule("org.convertalot.backend.pdfbox")
        .ifPresent(m -> getClass().getModule().addReads(m));
    try (ConversionRuntime runtime = ConvertALot.builder().dataRoot(dir.resolve("data")).build()) {
      StatusSnapshot.EngineStatus docling = engine(runtime, "docling");
      Assumptions.assumeFalse(docling.probe().available(), "this machine has Docling and a GPU");

      ConversionResult r =
          runtime.convert(
              org.convertalot.api.ConversionRequest.builder(
                      StandIn.pdf(dir, "a.pdf", "Default path"))
                  .build());

      assertEquals("pdfbox", r.manifest().engineId());
      List<String> order = runtime.status().engines().stream().map(e -> e.id()).toList();
      assertTrue(order.indexOf("docling") < order.indexOf("pdfbox"), "by priority: " + order);
      // The discovered engine asks the JNA probe first: a machine without a GPU driver says so
      // before any interpreter starts; one with a GPU but no Docling says backend_unavailable.
      assertTrue(
          java.util.Set.of(
                  "driver_missing",
                  "driver_mismatch",
                  "no_device",
                  "device_unusable",
                  "backend_unavailable")
              .contains(docling.probe().cause().code()),
          docling.probe().toString());
    }
    StandIn.assertNoWorkerLeft();
  }

  private static StatusSnapshot.EngineStatus engine(ConversionRuntime runtime, String id) {
    return runtime.status().engines().stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
