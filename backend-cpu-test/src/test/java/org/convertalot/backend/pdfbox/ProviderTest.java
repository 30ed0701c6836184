package org.convertalot.backend.pdfbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.pdfbox.util.Version;
import org.convertalot.api.Acceleration;
import org.convertalot.api.backend.BackendCapabilities;
import org.convertalot.api.backend.ConversionBackend;
import org.convertalot.api.backend.ConversionBackendProvider;
import org.convertalot.api.backend.ProbeResult;
import org.junit.jupiter.api.Test;

/** Discovery, identity, capabilities and probe. */
class ProviderTest {

  @Test
  void serviceLoaderFindsTheProvider() {
    // Tests run inside the engine's module, which provides but does not use the service.
    getClass().getModule().addUses(ConversionBackendProvider.class);

    List<String> ids =
        ServiceLoader.load(ConversionBackendProvider.class).stream()
            .map(provider -> provider.get().id())
            .toList();

    assertTrue(ids.contains("pdfbox"), ids::toString);
  }

  @Test
  void theClassPathRegistrationNamesTheProvider() throws IOException {
    String resource = "/META-INF/services/org.convertalot.api.backend.ConversionBackendProvider";
    try (InputStream in = PdfBoxBackendProvider.class.getResourceAsStream(resource)) {
      assertTrue(in != null, resource + " is missing");
      String content = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      assertEquals(PdfBoxBackendProvider.class.getName(), content);
    }
  }

  @Test
  void eachCreateGivesANewEngine() {
    PdfBoxBackendProvider provider = new PdfBoxBackendProvider();

    try (ConversionBackend first = provider.create();
        ConversionBackend second = provider.create()) {
      assertNotSame(first, second);
      assertEquals("pdfbox", provider.id());
      assertEquals("pdfbox", first.id());
    }
  }

  @Test
  void versionNamesThePdfBoxItRunsOn() {
    ConversionBackend engine = PdfBoxBackend.create();

    assertEquals("0.1.0+pdfbox-" + Version.getVersion(), engine.version());
    assertTrue(engine.version().endsWith("+pdfbox-3.0.8"), engine.version());
  }

  @Test
  void runsOnCpuAndAcceptsPdf() {
    BackendCapabilities capabilities = PdfBoxBackend.create().capabilities();

    assertEquals(java.util.Set.of(Acceleration.CPU), capabilities.accelerations());
    assertEquals(java.util.Set.of("application/pdf"), capabilities.mediaTypes());
    // Thread-safe per call: only the runtime's workers (--workers) bound how many run at once.
    assertEquals(1024, capabilities.defaultConcurrency());
  }

  @Test
  void probeSaysAvailableOnCpu() {
    ConversionBackend engine = PdfBoxBackend.create();

    ProbeResult probe = engine.probe();

    assertTrue(probe.available());
    assertEquals(Acceleration.CPU, probe.acceleration());
    assertEquals("pdfbox " + engine.version(), probe.message());
  }
}
