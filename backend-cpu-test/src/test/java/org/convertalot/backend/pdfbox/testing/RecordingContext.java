package org.convertalot.backend.pdfbox.testing;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.convertalot.api.JobId;
import org.convertalot.api.backend.BackendContext;

/** A {@link BackendContext} that records phases and progress and can cancel after some pages. */
public final class RecordingContext implements BackendContext {

  private final JobId jobId = JobId.generate(System.currentTimeMillis(), new SecureRandom());
  private final Path tempDir;
  private final int cancelAfterPages;
  private final List<String> phases = new ArrayList<>();
  private final List<String> progress = new ArrayList<>();
  private int pagesDone;

  private RecordingContext(Path tempDir, int cancelAfterPages) {
    this.tempDir = tempDir;
    this.cancelAfterPages = cancelAfterPages;
  }

  /** A context that never cancels. */
  public static RecordingContext in(Path tempDir) {
    return new RecordingContext(tempDir, Integer.MAX_VALUE);
  }

  /** A context that reports canceled once the given number of pages are done. */
  public static RecordingContext cancelingAfter(Path tempDir, int pages) {
    return new RecordingContext(tempDir, pages);
  }

  @Override
  public JobId jobId() {
    return jobId;
  }

  @Override
  public int attempt() {
    return 1;
  }

  @Override
  public synchronized void progress(int done, int total) {
    pagesDone = done;
    progress.add(done + "/" + total);
  }

  @Override
  public synchronized void phase(String name) {
    phases.add(name);
  }

  @Override
  public synchronized boolean isCanceled() {
    return pagesDone >= cancelAfterPages;
  }

  @Override
  public Instant deadline() {
    return Instant.now().plusSeconds(600);
  }

  @Override
  public Path tempDir() {
    return tempDir;
  }

  /** The phases started, in order. */
  public synchronized List<String> phases() {
    return List.copyOf(phases);
  }

  /** The progress reports as {@code done/total}, in order. */
  public synchronized List<String> progress() {
    return List.copyOf(progress);
  }
}
