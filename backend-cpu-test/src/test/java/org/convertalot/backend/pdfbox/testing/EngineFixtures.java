package org.convertalot.backend.pdfbox.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.convertalot.api.Acceleration;
import org.convertalot.api.Limits;
import org.convertalot.api.PageSelection;
import org.convertalot.api.SourceRef;
import org.convertalot.api.backend.BackendInput;
import org.convertalot.backend.pdfbox.PdfBoxBackend;
import org.convertalot.testkit.StandaloneContext;
import org.convertalot.testkit.TestPdf;

/**
 * What the engine tests need besides the PDFs that the test kit's {@link TestPdf} writes: a
 * standard multi-page document, the engine input for a file, and the PDFBox transforms of
 * kit-written bytes that a hand-written file cannot do (encryption, PDFBox's compressed layout).
 */
public final class EngineFixtures {
  private EngineFixtures() {}

  /** A document of {@code pages} A4 pages with one body line each ("Page n of N"). */
  public static Path pages(Path file, int pages) {
    TestPdf.Builder builder = TestPdf.builder(TestPdf.PageSize.A4);
    for (int i = 1; i <= pages; i++) {
      builder.page().text(TestPdf.Font.HELVETICA, 11, 72, 100, "Page " + i + " of " + pages);
    }
    return builder.write(file);
  }

  /**
   * A PDFBox transform: the kit's PDF saved as PDFBox saves by default, its objects packed into
   * compressed object streams behind a cross-reference stream, with nothing readable at the front.
   * The kit writes only classic cross-reference tables.
   */
  public static Path compressed(byte[] pdf, Path file) {
    return transform(pdf, file, null);
  }

  /**
   * A PDFBox transform: the kit's PDF encrypted with PDFBox's standard security handler (the kit
   * does not encrypt), saved in PDFBox's default compressed layout.
   */
  public static Path encrypted(byte[] pdf, Path file, StandardProtectionPolicy protection) {
    return transform(pdf, file, protection);
  }

  private static Path transform(byte[] pdf, Path file, StandardProtectionPolicy protection) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      if (protection != null) {
        document.protect(protection);
      }
      document.save(file.toFile(), CompressParameters.DEFAULT_COMPRESSION);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A policy with the given user password (empty: anyone may open the file). */
  public static StandardProtectionPolicy protection(String userPassword) {
    AccessPermission permissions = new AccessPermission();
    permissions.setCanExtractContent(false);
    StandardProtectionPolicy policy =
        new StandardProtectionPolicy("owner-secret", userPassword, permissions);
    policy.setEncryptionKeyLength(128);
    return policy;
  }

  /** The Markdown the PDFBox engine makes of the builder's PDF, written to {@code dir/name}. */
  public static String markdown(TestPdf.Builder builder, Path dir, String name) {
    Path file = builder.write(dir.resolve(name));
    return PdfBoxBackend.create().convert(input(file), StandaloneContext.in(dir)).markdown();
  }

  /** The engine input for a file, with default limits. */
  public static BackendInput input(Path file) {
    return input(file, Limits.DEFAULTS);
  }

  /** The engine input for a file, with the given limits. */
  public static BackendInput input(Path file, Limits limits) {
    return input(file, limits, Map.of());
  }

  /** The engine input for a file, with default limits and the given engine options. */
  public static BackendInput input(Path file, Map<String, String> options) {
    return input(file, Limits.DEFAULTS, options);
  }

  /** The engine input for some pages of a file, with default limits and no options. */
  public static BackendInput input(Path file, PageSelection pages) {
    BackendInput all = input(file);
    return new BackendInput(
        all.path(), all.source(), all.options(), all.limits(), all.acceleration(), pages);
  }

  private static BackendInput input(Path file, Limits limits, Map<String, String> options) {
    long size;
    try {
      size = Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SourceRef source =
        new SourceRef(file.toString(), file.getFileName().toString(), "0".repeat(64), size);
    return new BackendInput(file, source, options, limits, Acceleration.CPU);
  }
}
