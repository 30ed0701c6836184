package org.convertalot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.convertalot.api.ConversionRequest;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.Policy;
import org.convertalot.core.ConvertALot;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobStores;
import org.convertalot.core.store.VerifyReport;
import org.convertalot.testkit.StoreJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant O across processes: 4 worker JVMs of 4 threads each race for 2,000 jobs on one data
 * root. Every job ends SUCCEEDED once, by one run, with one promoted artifact.
 */
class MultiProcessClaimRaceIT {
  private static final int JOBS = Integer.getInteger("convertalot.race.jobs", 2_000);
  private static final int PROCESSES = 4;
  private static final int THREADS = 4;

  private static final Pattern REAP_LOG = Pattern.compile("reaping job ([0-9a-z]{26}) run");

  @TempDir Path dir;

  @Test
  void everyJobIsRunOnceAcrossFourWorkerProcesses() throws Exception {
    Path data = dir.resolve("data");
    Path inputs = dir.resolve("in");
    Files.createDirectories(inputs);
    long submitStart = System.nanoTime();
    try (ConversionRuntime submitter =
        ConvertALot.builder()
            .dataRoot(data)
            .workers(0)
            .serviceLoader(false)
            .backend(new NoopBackendProvider().create())
            .build()) {
      for (int i = 0; i < JOBS; i++) {
        Path source = inputs.resolve(i + ".pdf");
        Files.writeString(source, "%PDF-1.4 job " + i);
        submitter.submit(
            ConversionRequest.builder(source)
                .policy(Policy.CPU_ONLY)
                .engine(NoopBackendProvider.ID)
                .build());
      }
    }
    double submitSeconds = (System.nanoTime() - submitStart) / 1e9;

    long runStart = System.nanoTime();
    List<Processes.Started> workers = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      workers.add(
          Processes.cli(
              dir.resolve("logs"),
              "worker",
              "--data-root",
              data,
              "--workers",
              THREADS,
              "--until-idle",
              "--quiet",
              // This test is about claims, not liveness: a generous threshold keeps an overloaded
              // machine from reaping live runs, and any reap that still happens is accounted for.
              "--heartbeat-ms",
              2_000,
              "--stale-after-ms",
              120_000));
    }
    for (Processes.Started w : workers) {
      assertEquals(0, w.await(10), w.err());
    }
    double runSeconds = (System.nanoTime() - runStart) / 1e9;
    Map<String, Integer> reapsPerJob = new HashMap<>();
    for (Processes.Started w : workers) {
      Matcher m = REAP_LOG.matcher(w.err());
      while (m.find()) {
        reapsPerJob.merge(m.group(1), 1, Integer::sum);
      }
    }

    try (JobStore store =
        JobStores.openFileStore(data, JobStores.DEFAULT_NAMESPACE, Clock.systemUTC())) {
      List<JobSnapshot> all = StoreJobs.listAll(store);
      assertEquals(JOBS, all.size());
      Set<JobId> ids = new HashSet<>();
      Set<String> runIds = new HashSet<>();
      Set<String> owners = new HashSet<>();
      int promotions = 0;
      for (JobSnapshot job : all) {
        assertTrue(ids.add(job.id()));
        assertEquals(JobState.SUCCEEDED, job.state(), job.toString());
        // Each claim after the first must be explained by a logged reap of that job: a second
        // claim without one would be two owners.
        assertEquals(
            1 + reapsPerJob.getOrDefault(job.id().value(), 0),
            job.attempt(),
            "claims of " + job.id() + " not explained by reaps");
        assertTrue(runIds.add(job.manifest().runId()), "one run id per job");
        owners.add(job.owner().pid() + "/" + job.owner().instance());
        try (Stream<Path> files = Files.list(data.resolve("artifacts").resolve(job.id().value()))) {
          long count = files.count();
          assertEquals(1, count, "artifacts promoted for " + job.id());
          promotions += (int) count;
        }
      }
      assertEquals(JOBS, promotions);
      VerifyReport report = store.verify();
      assertTrue(report.clean(), report.violations().toString());
      assertEquals(JOBS, report.artifactsChecked());
      System.out.printf(
          "cross-process race: %d jobs, %d processes x %d threads, %d owners took part;"
              + " submit %.1f s, run %.1f s (%.0f jobs/s), %d promotions, %d reaps, 0 violations%n",
          JOBS,
          PROCESSES,
          THREADS,
          owners.size(),
          submitSeconds,
          runSeconds,
          JOBS / runSeconds,
          promotions,
          reapsPerJob.values().stream().mapToInt(Integer::intValue).sum());
      assertTrue(owners.size() > 1, "more than one process took jobs: " + owners);
    }
  }
}
