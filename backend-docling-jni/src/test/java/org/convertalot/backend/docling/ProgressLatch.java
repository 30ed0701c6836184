package org.convertalot.backend.docling;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.convertalot.api.JobId;
import org.convertalot.api.backend.BackendContext;
import org.convertalot.api.backend.StopReason;

/**
 * A context that counts a latch down at the first page reported (or when a named phase starts), so
 * a test knows where a run is without sleeping.
 */
final class ProgressLatch implements BackendContext {
  private final BackendContext delegate;
  private final CountDownLatch firstPage;
  private final String phase;

  ProgressLatch(BackendContext delegate, CountDownLatch firstPage) {
    this(delegate, firstPage, null);
  }

  ProgressLatch(BackendContext delegate, CountDownLatch latch, String phase) {
    this.delegate = delegate;
    this.firstPage = latch;
    this.phase = phase;
  }

  @Override
  public JobId jobId() {
    return delegate.jobId();
  }

  @Override
  public int attempt() {
    return delegate.attempt();
  }

  @Override
  public void progress(int pagesDone, int pagesTotal) {
    delegate.progress(pagesDone, pagesTotal);
    if (phase == null && pagesDone >= 1) {
      firstPage.countDown();
    }
  }

  @Override
  public void phase(String name) {
    delegate.phase(name);
    if (name.equals(phase)) {
      firstPage.countDown();
    }
  }

  @Override
  public Optional<StopReason> stopReason() {
    return delegate.stopReason();
  }

  @Override
  public void onStop(Consumer<StopReason> listener) {
    delegate.onStop(listener);
  }

  @Override
  public Instant deadline() {
    return delegate.deadline();
  }

  @Override
  public Path tempDir() {
    return delegate.tempDir();
  }
}
