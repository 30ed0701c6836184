package org.convertalot.api.backend;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.convertalot.api.JobId;
import org.convertalot.api.error.CanceledException;

/**
 * What the runtime gives an engine for one conversion: progress and phase reporting, the stop
 * signal, the deadline and a private temporary directory. Thread-safe.
 *
 * <p>An engine learns that it must stop in two ways: by asking ({@link #shouldStop()}, {@link
 * #throwIfStopped()}) between units of work, or by being told ({@link #onStop(Consumer)}) at once,
 * on a runtime thread. An engine whose thread is blocked (reading a worker process's output, for
 * example) registers a listener that kills what it waits on.
 */
public interface BackendContext {
  /** {@return the job being converted} */
  JobId jobId();

  /** {@return the attempt number, from 1} */
  int attempt();

  /**
   * Reports pages done out of the total. Progress that moves keeps the job out of the stall
   * detector; call it at least once per page.
   *
   * @param pagesDone pages converted so far
   * @param pagesTotal pages in the document
   */
  void progress(int pagesDone, int pagesTotal);

  /**
   * Starts a named phase; the previous phase's duration is recorded.
   *
   * @param name the phase's name
   */
  void phase(String name);

  /** {@return why the engine must stop, once the run was stopped; empty while it may go on} */
  Optional<StopReason> stopReason();

  /**
   * Whether the engine should stop now: the job was canceled, its lease was lost, it passed its
   * deadline or stalled, or the runtime is closing.
   *
   * @return {@code true} when the engine should stop now
   */
  default boolean shouldStop() {
    return stopReason().isPresent();
  }

  /**
   * Throws {@link CanceledException} when {@link #shouldStop()}; call between units of work.
   *
   * @throws CanceledException naming the stop reason
   */
  default void throwIfStopped() {
    Optional<StopReason> reason = stopReason();
    if (reason.isPresent()) {
      throw new CanceledException(
          "conversion stopped: " + reason.get().code(), jobId().value(), attempt());
    }
  }

  /**
   * Registers a listener told once, at once, when the run must stop, with the reason. It runs on a
   * runtime thread (or on the caller's, when the run has already stopped), must return quickly and
   * must not throw; typically it kills a worker process or closes a stream the engine blocks on.
   *
   * @param listener called at most once
   */
  void onStop(Consumer<StopReason> listener);

  /** {@return when the attempt must be done by} */
  Instant deadline();

  /** {@return a directory private to this attempt, deleted after it} */
  Path tempDir();

  /**
   * The passwords to try on an encrypted PDF, in order, as the runtime was configured with them
   * ({@code ConvertALot.builder().password(...)}, {@code convertalot convert --password-file}).
   * They are never stored with the job; an engine must not log them or put them in an error.
   *
   * @return the passwords, none by default
   */
  default List<String> passwords() {
    return List.of();
  }
}
