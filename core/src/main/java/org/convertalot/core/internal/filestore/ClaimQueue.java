package org.convertalot.core.internal.filestore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The queue markers that a store's claims walk, kept between claims: listing and sorting the queue
 * folder on every claim made each claim's cost grow with the backlog.
 *
 * <p>Guarantees: every marker this store writes is added when it is written, so a job this process
 * submits or requeues is claimable at once; markers of other processes are seen after the folder is
 * listed again, which happens when a walk found nothing claimable in what is kept, when the last
 * listing is {@link #RELIST_AFTER} old on the store's clock (a job another process requeued keeps
 * its place by sequence), and after a recovery pass. Entries whose job is no longer QUEUED stay
 * until a walk meets them and {@link #remove}s them. The markers are ordered by file name (the
 * sequence first), as the folder's listing is; the set is safe for concurrent claims.
 */
final class ClaimQueue {
  /** How old a listing may be before a claim lists the folder again. */
  static final Duration RELIST_AFTER = Duration.ofSeconds(1);

  private final DataRoot layout;
  private final ConcurrentSkipListSet<Path> markers =
      new ConcurrentSkipListSet<>(Comparator.comparing(p -> p.getFileName().toString()));
  private volatile Instant listedAt;

  ClaimQueue(DataRoot layout) {
    this.layout = layout;
  }

  /**
   * Lists the folder again when the last listing is stale.
   *
   * @return whether it listed
   */
  boolean relistIfStale(Instant now) throws IOException {
    Instant last = listedAt;
    if (last == null || now.isBefore(last) || !now.isBefore(last.plus(RELIST_AFTER))) {
      relist(now);
      return true;
    }
    return false;
  }

  /** The markers to walk, in order. */
  Iterable<Path> markers() {
    return markers;
  }

  /**
   * Lists the folder again, keeping what is kept: a marker deleted meanwhile is dropped when a walk
   * meets it, and one added meanwhile is never lost.
   *
   * @return whether the listing added a marker that was not kept
   */
  boolean relist(Instant now) throws IOException {
    boolean added = false;
    for (Path marker : layout.queueMarkers()) {
      added |= markers.add(marker);
    }
    listedAt = now;
    return added;
  }

  /** A marker this store just wrote. */
  void add(Path marker) {
    markers.add(marker);
  }

  /** A marker whose job was claimed, or is no longer QUEUED, or that names no job. */
  void remove(Path marker) {
    markers.remove(marker);
  }

  /** Markers were written by a recovery pass: the next claim lists the folder. */
  void stale() {
    listedAt = null;
  }
}
