package org.convertalot.core.internal.filestore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.QuarantinedFile;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.core.store.VerifyReport;
import org.convertalot.core.store.spi.JobInvariants;
import org.convertalot.core.store.spi.UnreadableRecordException;

/**
 * The store's reads over many jobs: listing, counts, running jobs, and {@code verify}.
 *
 * <p>Guarantees: no lock is taken and nothing is written (a {@code verify} read that finds a
 * mismatch flags the job, as every read does); each record read is one atomic snapshot, so a
 * listing may mix moments but never shows a half-written record. Listing pages by the index's
 * submit sequence, so a cursor stays valid whatever happens to the jobs it passed.
 */
final class Queries {
  private final DataRoot layout;
  private final Artifacts artifacts;

  Queries(DataRoot layout, Artifacts artifacts) {
    this.layout = layout;
    this.artifacts = artifacts;
  }

  JobPage list(PageRequest page) {
    return layout.io(
        "list jobs",
        () -> {
          List<JobSnapshot> out = new ArrayList<>(page.limit());
          boolean more = false;
          List<Path> markers = layout.indexMarkers();
          if (page.newestFirst()) {
            Collections.reverse(markers);
          }
          for (Path marker : markers) {
            long sequence = DataRoot.sequenceOfMarker(marker);
            JobId id = DataRoot.idFromMarker(marker);
            if (sequence < 0 || id == null || !page.beyondCursor(sequence)) {
              continue;
            }
            if (page.state() == null && out.size() == page.limit()) {
              // Without a state to check, the next marker is enough to know there is more.
              more = true;
              break;
            }
            Optional<JobSnapshot> job = layout.readRecord(id).filter(page::admits);
            if (job.isPresent() && out.size() == page.limit()) {
              more = true;
              break;
            }
            job.ifPresent(out::add);
          }
          OptionalLong next =
              more && !out.isEmpty()
                  ? OptionalLong.of(out.get(out.size() - 1).sequence())
                  : OptionalLong.empty();
          return new JobPage(out, next);
        });
  }

  Map<JobState, Long> counts() {
    return layout.io(
        "count jobs",
        () -> {
          Map<JobState, Long> counts = new EnumMap<>(JobState.class);
          for (JobState s : JobState.values()) {
            counts.put(s, 0L);
          }
          for (JobSnapshot job : allJobs()) {
            counts.merge(job.state(), 1L, Long::sum);
          }
          return counts;
        });
  }

  boolean idle() {
    return layout.io("check idle", layout::noQueuedOrRunningMarkers);
  }

  List<JobSnapshot> runningJobs() {
    return layout.io(
        "list running jobs",
        () -> {
          List<JobSnapshot> out = new ArrayList<>();
          for (Path marker : layout.runningMarkers()) {
            JobId id = DataRoot.idFromPlainMarker(marker);
            if (id != null) {
              layout.readRecord(id).filter(j -> j.state() == JobState.RUNNING).ifPresent(out::add);
            }
          }
          return out;
        });
  }

  /** Every job record, unordered. */
  List<JobSnapshot> allJobs() {
    return layout.io(
        "read jobs",
        () -> {
          List<JobSnapshot> out = new ArrayList<>();
          for (JobId id : layout.recordIds()) {
            layout.readRecord(id).ifPresent(out::add);
          }
          return out;
        });
  }

  VerifyReport verify() {
    List<String> violations = new ArrayList<>();
    long artifactsChecked = 0;
    List<JobSnapshot> all = new ArrayList<>();
    layout.io(
        "read jobs",
        () -> {
          for (JobId id : layout.recordIds()) {
            try {
              layout.readChecked(id).ifPresent(all::add);
            } catch (UnreadableRecordException e) {
              violations.add(id + " unreadable: " + e.getMessage());
            }
          }
          for (QuarantinedFile q : layout.quarantine().list()) {
            violations.add(
                "quarantine: " + q.path() + " (was " + q.original() + "): " + q.reason());
          }
          return null;
        });
    for (JobSnapshot job : all) {
      for (String v : JobInvariants.violations(job)) {
        violations.add(job.id() + " " + v);
      }
      if (job.state() == JobState.QUEUED && !Files.exists(layout.queueMarker(job))) {
        violations.add(job.id() + " index: QUEUED job missing from the queue index");
      }
      if (job.state() == JobState.SUCCEEDED && job.manifest() != null) {
        artifactsChecked++;
        try {
          artifacts.readVerified(job.manifest());
        } catch (IntegrityViolationException e) {
          violations.add(job.id() + " S: " + e.getMessage());
        }
      }
    }
    Collections.sort(violations);
    return new VerifyReport(all.size(), artifactsChecked, violations);
  }
}
