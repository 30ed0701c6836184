package org.convertalot.backend.pdfbox.internal.recognition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.convertalot.api.backend.ServiceProviders;
import org.convertalot.backend.pdfbox.ocr.TextRecognizer;
import org.convertalot.backend.pdfbox.ocr.TextRecognizerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's text recognizers: the provider (given, or the first that {@link ServiceLoader} finds,
 * by id), and the recognizers that finished conversions left open for the next ones. Opening one
 * loads its models, which can cost more than recognizing a small image, so at most one per
 * processor is kept. Thread-safe; each conversion takes its recognizer through its own {@link
 * Lease}.
 */
public final class RecognizerPool {

  private final Logger log = LoggerFactory.getLogger(RecognizerPool.class);

  /** The recognizer provider; looked up lazily, at most once. */
  private volatile Optional<TextRecognizerProvider> provider;

  private final AtomicBoolean openFailureLogged = new AtomicBoolean();

  private final LinkedBlockingDeque<TextRecognizer> idle =
      new LinkedBlockingDeque<>(Math.max(1, Runtime.getRuntime().availableProcessors()));

  private final AtomicBoolean closed = new AtomicBoolean();

  /** A pool that looks for a provider with {@link ServiceLoader} when it first needs one. */
  public RecognizerPool() {}

  /** A pool of the given provider's recognizers, or of none when {@code provider} is empty. */
  public RecognizerPool(Optional<TextRecognizerProvider> provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /** The provider, looked up on the first call when none was given. */
  public Optional<TextRecognizerProvider> provider() {
    Optional<TextRecognizerProvider> known = provider;
    if (known == null) {
      known = discover();
      provider = known;
    }
    return known;
  }

  /** The first recognizer provider by id; broken service entries are logged and skipped. */
  private Optional<TextRecognizerProvider> discover() {
    List<TextRecognizerProvider> found = new ArrayList<>();
    for (TextRecognizerProvider candidate :
        ServiceProviders.loadAll(
            ServiceLoader.load(TextRecognizerProvider.class, RecognizerPool.class.getClassLoader()),
            (what, e) -> skipped(e))) {
      try {
        candidate.id();
        found.add(candidate);
      } catch (RuntimeException | LinkageError e) {
        skipped(e);
      }
    }
    found.sort(Comparator.comparing(TextRecognizerProvider::id));
    return found.stream().findFirst();
  }

  private void skipped(Throwable e) {
    log.warn("skipping a text recognizer that cannot be loaded: {}", e.toString());
  }

  /** A conversion's use of the pool; {@link Lease#finish} ends it. */
  public Lease lease() {
    return new Lease();
  }

  /** Closes the recognizers kept for reuse; conversions still running close their own. */
  public void close() {
    closed.set(true);
    TextRecognizer recognizer;
    while ((recognizer = idle.pollFirst()) != null) {
      closeQuietly(recognizer);
    }
  }

  /** Keeps a healthy recognizer for the next conversion, or closes it. */
  private void release(TextRecognizer recognizer) {
    if (!closed.get() && idle.offerFirst(recognizer)) {
      // close() may have drained the pool between the check and the offer.
      if (closed.get() && idle.remove(recognizer)) {
        closeQuietly(recognizer);
      }
      return;
    }
    closeQuietly(recognizer);
  }

  private void closeQuietly(TextRecognizer recognizer) {
    try {
      recognizer.close();
    } catch (RuntimeException e) {
      log.warn("could not close a text recognizer cleanly: {}", e.toString());
    }
  }

  /**
   * Takes the conversion's recognizer when a page first needs one, at most once: a kept one, or a
   * new one. A recognizer that cannot run here (no native library for this platform) leaves the
   * conversion to the text layer, logged once per pool.
   */
  public final class Lease implements PageRecognition.RecognizerSource {
    private boolean opened;
    private TextRecognizer recognizer;

    private Lease() {}

    @Override
    public TextRecognizer get() {
      if (!opened) {
        opened = true;
        recognizer = idle.pollFirst();
        if (recognizer != null) {
          return recognizer;
        }
        Optional<TextRecognizerProvider> known = provider();
        if (known.isPresent()) {
          try {
            recognizer = known.get().open();
          } catch (RuntimeException | LinkageError e) {
            if (openFailureLogged.compareAndSet(false, true)) {
              log.warn(
                  "text recognizer {} cannot run here, converting text layers only: {}",
                  known.get().id(),
                  e.toString());
            }
          }
        }
      }
      return recognizer;
    }

    /**
     * Ends the conversion's use of its recognizer: kept for the next conversion when the conversion
     * ended normally, closed when it failed (the recognizer may be what failed).
     */
    public void finish(boolean succeeded) {
      if (recognizer != null) {
        if (succeeded) {
          release(recognizer);
        } else {
          closeQuietly(recognizer);
        }
        recognizer = null;
      }
    }
  }
}
