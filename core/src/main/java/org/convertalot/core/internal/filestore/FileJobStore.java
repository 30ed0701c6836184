package org.convertalot.core.internal.filestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Progress;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.api.error.DataRootConflictException;
import org.convertalot.api.error.IntegrityViolationException;
import org.convertalot.api.error.JobNotFoundException;
import org.convertalot.api.error.StoreUnavailableException;
import org.convertalot.core.internal.JobJson;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.JobTransitions;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.StagedArtifact;
import org.convertalot.core.store.SubmitResult;
import org.convertalot.core.store.VerifyReport;
import org.convertalot.core.store.spi.Hashing;
import org.convertalot.core.store.spi.HashingOutputStream;
import org.convertalot.core.store.spi.JobCodec;
import org.convertalot.core.store.spi.JobInvariants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded job store: one data root on a local file system, shared safely by many threads and
 * JVMs. See {@code docs/architecture.md} for the layout. Every transition holds the job's lock file
 * for its duration; every record write is temp file, fsync, atomic rename, fsync directory.
 */
public final class FileJobStore implements JobStore {
  /** The root layout version this store reads and writes. */
  public static final int ROOT_FORMAT = 1;

  static final String DESCRIPTOR = "convertalot-root.json";
  private static final Logger LOG = LoggerFactory.getLogger(FileJobStore.class);
  private static final String SEQ_WIDTH = "%020d";
  // Not ".md": a user counting the Markdown files of an output folder must not count the store's.
  private static final String ARTIFACT_SUFFIX = ".artifact";

  private final Path root;
  private final String namespace;
  private final Clock clock;
  private final JobCodec codec = new JobCodec();
  private final JobJson json = new JobJson();
  private final SecureRandom random = new SecureRandom();
  private final String tempPrefix;
  private final AtomicLong tempCounter = new AtomicLong();
  private final AtomicLong impossibleStatesRepaired = new AtomicLong();
  private final Set<JobId> integrityViolations = ConcurrentHashMap.newKeySet();
  private final Path jobs;
  private final Path locks;
  private final Path queue;
  private final Path running;
  private final Path index;
  private final Path keys;
  private final Path staging;

  /** Writes of a staged artifact whose folder another process tidied away, before giving up. */
  private static final int STAGE_ATTEMPTS = 5;

  private final Path artifacts;
  private final Path tmp;

  private FileJobStore(Path root, String namespace, Clock clock) {
    this.root = root;
    this.namespace = namespace;
    this.clock = clock;
    this.tempPrefix =
        ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    this.jobs = root.resolve("jobs");
    this.locks = root.resolve("locks");
    this.queue = root.resolve("queue");
    this.running = root.resolve("running");
    this.index = root.resolve("index");
    this.keys = root.resolve("keys");
    this.staging = root.resolve("staging");
    this.artifacts = root.resolve("artifacts");
    this.tmp = root.resolve("tmp");
  }

  /**
   * Opens (creating when absent) a data root, checks its descriptor, removes leftovers of dead
   * processes and repairs impossible states.
   *
   * @throws DataRootConflictException when the root belongs to another namespace or format, or is a
   *     non-empty folder that is not a data root
   * @throws StoreUnavailableException when the root cannot be created or read
   */
  public static FileJobStore open(Path root, String namespace, Clock clock) {
    Path absolute = root.toAbsolutePath().normalize();
    FileJobStore store = new FileJobStore(absolute, namespace, clock);
    store.io(
        "open data root",
        () -> {
          store.initialize();
          return null;
        });
    return store;
  }

  private void initialize() throws IOException {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new DataRootConflictException(
          "data root is a file, not a folder: " + root, Map.of("path", root.toString()));
    }
    Files.createDirectories(root);
    Path descriptor = root.resolve(DESCRIPTOR);
    if (!Files.exists(descriptor)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          if (!name.equals("locks") && !name.equals("tmp")) {
            throw new DataRootConflictException(
                "folder is not empty and is not a Convert-a-Lot data root: " + root,
                Map.of("path", root.toString(), "found", name));
          }
        }
      }
    }
    Files.createDirectories(locks);
    Files.createDirectories(tmp);
    try (FileLocks.Held ignored = FileLocks.lock(locks.resolve("root.lock"))) {
      if (Files.exists(descriptor)) {
        checkDescriptor(descriptor);
      } else {
        ObjectNode d = json.mapper().createObjectNode();
        d.put("format_version", ROOT_FORMAT);
        d.put("namespace", namespace);
        d.put("created_at", clock.instant().toString());
        AtomicFiles.write(descriptor, tempFile(), json.mapper().writeValueAsBytes(d), true);
      }
      for (Path dir : List.of(jobs, queue, running, index, keys, staging, artifacts)) {
        Files.createDirectories(dir);
      }
    }
    recover();
  }

  private void checkDescriptor(Path descriptor) throws IOException {
    JsonNode d;
    try {
      d = json.mapper().readTree(Files.readAllBytes(descriptor));
    } catch (IOException e) {
      throw new DataRootConflictException(
          "unreadable data root descriptor " + descriptor + ": " + e.getMessage(),
          Map.of("path", descriptor.toString()));
    }
    int format = d.path("format_version").asInt(-1);
    String found = d.path("namespace").asText("");
    if (format != ROOT_FORMAT) {
      throw new DataRootConflictException(
          "data root " + root + " has format " + format + ", this library reads " + ROOT_FORMAT,
          Map.of("path", root.toString(), "format_version", String.valueOf(format)));
    }
    if (!found.equals(namespace)) {
      throw new DataRootConflictException(
          "data root " + root + " belongs to namespace '" + found + "', not '" + namespace + "'",
          Map.of("path", root.toString(), "expected", namespace, "found", found));
    }
  }

  // ---------------------------------------------------------------- recovery

  /** Removes leftovers of dead processes, restores index markers and repairs impossible states. */
  private void recover() throws IOException {
    removeDeadTempFiles();
    for (Path file : listDir(jobs)) {
      String name = file.getFileName().toString();
      if (!name.endsWith(".json") || !JobId.isValid(name.substring(0, name.length() - 5))) {
        continue;
      }
      JobId id = JobId.of(name.substring(0, name.length() - 5));
      try (FileLocks.Held ignored = FileLocks.lock(lockFile(id))) {
        readRecord(id).ifPresent(this::repairUnderLock);
      }
      readRecord(id)
          .filter(j -> j.state() == JobState.SUCCEEDED)
          .ifPresent(this::checkArtifactCheaply);
    }
    for (Path jobDir : listDir(artifacts)) {
      removeOrphanArtifacts(jobDir);
    }
    for (Path runDir : listDir(staging)) {
      for (Path staged : listDir(runDir)) {
        removeStaleStaging(runDir.getFileName().toString(), staged);
      }
      deleteDirIfEmpty(runDir);
    }
  }

  /** On open: a missing or wrongly sized artifact is flagged (hashes are for {@code verify}). */
  private void checkArtifactCheaply(JobSnapshot job) {
    Path file = artifactFile(job.id(), job.manifest().runId());
    long size = -1;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      // Missing or unreadable: flagged below.
    }
    if (size != job.manifest().size()) {
      integrityViolations.add(job.id());
      LOG.error(
          "integrity violation: job {} is SUCCEEDED but its artifact {} {}",
          job.id(),
          file,
          size < 0 ? "is missing" : "has " + size + " bytes, not " + job.manifest().size());
    }
  }

  @Override
  public int sanitize() {
    return io(
        "sanitize",
        () -> {
          int repaired = 0;
          List<Path> markers = new ArrayList<>(sortedNames(queue));
          markers.addAll(sortedNames(running));
          for (Path marker : markers) {
            JobId id =
                marker.getParent().equals(queue) ? idFromMarker(marker) : idFromPlainMarker(marker);
            if (id == null) {
              continue;
            }
            Optional<FileLocks.Held> lock = FileLocks.tryLock(lockFile(id));
            if (lock.isEmpty()) {
              continue; // busy: a transition is running; the next sweep looks again
            }
            try (FileLocks.Held ignored = lock.get()) {
              long before = impossibleStatesRepaired.get();
              readRecord(id).ifPresent(this::repairUnderLock);
              repaired += (int) (impossibleStatesRepaired.get() - before);
            }
          }
          return repaired;
        });
  }

  private void repairUnderLock(JobSnapshot job) {
    io(
        "repair job " + job.id(),
        () -> {
          JobSnapshot current = job;
          Optional<JobSnapshot> repaired = JobTransitions.repair(current, now());
          if (repaired.isPresent()) {
            LOG.warn(
                "repairing impossible state of job {}: {}",
                current.id(),
                JobInvariants.violations(current));
            AtomicFiles.touch(queueMarker(repaired.get()), true);
            writeRecord(repaired.get(), true);
            Files.deleteIfExists(runningMarker(current.id()));
            impossibleStatesRepaired.incrementAndGet();
            current = repaired.get();
          }
          if (current.state() == JobState.QUEUED) {
            AtomicFiles.touch(queueMarker(current), true);
          } else if (current.state() == JobState.RUNNING) {
            AtomicFiles.touch(runningMarker(current.id()), true);
          }
          AtomicFiles.touch(indexMarker(current), false);
          return null;
        });
  }

  /**
   * Removes artifacts that no record names: a worker that died between publishing its artifact and
   * writing its SUCCEEDED record leaves one behind. The run of a RUNNING job may still complete, so
   * its artifact stays.
   */
  private void removeOrphanArtifacts(Path jobDir) throws IOException {
    String idText = jobDir.getFileName().toString();
    if (!JobId.isValid(idText)) {
      return;
    }
    JobId id = JobId.of(idText);
    try (FileLocks.Held ignored = FileLocks.lock(lockFile(id))) {
      Optional<JobSnapshot> job = readRecord(id);
      for (Path file : listDir(jobDir)) {
        String name = file.getFileName().toString();
        String run =
            name.endsWith(ARTIFACT_SUFFIX)
                ? name.substring(0, name.length() - ARTIFACT_SUFFIX.length())
                : name;
        boolean named =
            job.isPresent()
                && (job.get().state() == JobState.SUCCEEDED
                        && run.equals(job.get().manifest().runId())
                    || job.get().state() == JobState.RUNNING && run.equals(job.get().runId()));
        if (!named) {
          LOG.info("removing artifact {} of job {}: no record names it", file.getFileName(), id);
          Files.deleteIfExists(file);
        }
      }
      deleteDirIfEmpty(jobDir);
    }
  }

  private void removeStaleStaging(String runId, Path staged) throws IOException {
    String name = staged.getFileName().toString();
    String idText =
        name.endsWith(ARTIFACT_SUFFIX)
            ? name.substring(0, name.length() - ARTIFACT_SUFFIX.length())
            : name;
    if (!JobId.isValid(idText)) {
      Files.deleteIfExists(staged);
      return;
    }
    JobId id = JobId.of(idText);
    try (FileLocks.Held ignored = FileLocks.lock(lockFile(id))) {
      Optional<JobSnapshot> job = readRecord(id);
      boolean live =
          job.isPresent()
              && job.get().state() == JobState.RUNNING
              && runId.equals(job.get().runId());
      if (!live) {
        LOG.info("removing staged artifact of run {} that never completed (job {})", runId, id);
        Files.deleteIfExists(staged);
      }
    }
  }

  private void removeDeadTempFiles() throws IOException {
    for (Path file : listDir(tmp)) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      String name = file.getFileName().toString();
      int dash = name.indexOf('-');
      long pid = -1;
      try {
        pid = dash > 0 ? Long.parseLong(name.substring(0, dash)) : -1;
      } catch (NumberFormatException ignored) {
        // Not ours: remove it.
      }
      boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      if (!alive) {
        Files.deleteIfExists(file);
      }
    }
  }

  // ---------------------------------------------------------------- SPI

  @Override
  public String describe() {
    return "file:" + root;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  /** The data root. */
  public Path root() {
    return root;
  }

  @Override
  public SubmitResult submit(NewJob job) {
    return io(
        "submit",
        () -> {
          String key = job.idempotencyKey();
          Path keyFile = keys.resolve(key);
          try (FileLocks.Held ignored = FileLocks.lock(locks.resolve("root.lock"))) {
            if (Files.exists(keyFile)) {
              String existing =
                  new String(Files.readAllBytes(keyFile), StandardCharsets.US_ASCII).trim();
              if (JobId.isValid(existing)) {
                Optional<JobSnapshot> found = readRecord(JobId.of(existing));
                if (found.isPresent() && JobTransitions.isReusable(found.get())) {
                  return new SubmitResult(found.get(), false);
                }
              }
            }
            long sequence = nextSequence();
            Instant now = now();
            JobId id = JobId.generate(now.toEpochMilli(), random);
            JobSnapshot created = JobTransitions.submit(job, id, sequence, now);
            try (FileLocks.Held jobLock = FileLocks.lock(lockFile(id))) {
              // Marker first: a crash before the record leaves a marker that claims discard, never
              // a
              // QUEUED record that no claim can find.
              AtomicFiles.touch(queueMarker(created), true);
              writeRecord(created, true);
              AtomicFiles.touch(indexMarker(created), true);
            }
            AtomicFiles.write(
                keyFile, tempFile(), id.value().getBytes(StandardCharsets.US_ASCII), true);
            return new SubmitResult(created, true);
          }
        });
  }

  private long nextSequence() throws IOException {
    Path seqFile = root.resolve("sequence");
    long current = 0;
    if (Files.exists(seqFile)) {
      current =
          Long.parseLong(new String(Files.readAllBytes(seqFile), StandardCharsets.US_ASCII).trim());
    }
    long next = current + 1;
    AtomicFiles.write(
        seqFile, tempFile(), Long.toString(next).getBytes(StandardCharsets.US_ASCII), true);
    return next;
  }

  @Override
  public Optional<JobSnapshot> find(JobId id) {
    return io("read job " + id, () -> readRecord(id));
  }

  @Override
  public Optional<JobSnapshot> claim(WorkerIdentity owner) {
    return io(
        "claim",
        () -> {
          Instant now = now();
          for (Path marker : sortedNames(queue)) {
            JobId id = idFromMarker(marker);
            if (id == null) {
              Files.deleteIfExists(marker);
              continue;
            }
            Optional<FileLocks.Held> lock = FileLocks.tryLock(lockFile(id));
            if (lock.isEmpty()) {
              continue;
            }
            try (FileLocks.Held ignored = lock.get()) {
              Optional<JobSnapshot> current = readRecord(id);
              if (current.isEmpty() || current.get().state() != JobState.QUEUED) {
                Files.deleteIfExists(marker);
                continue;
              }
              JobSnapshot job = current.get();
              if (!JobTransitions.isClaimable(job, now)) {
                continue;
              }
              JobSnapshot claimed =
                  JobTransitions.claim(job, now, UUID.randomUUID().toString(), owner);
              AtomicFiles.touch(runningMarker(id), false);
              writeRecord(claimed, true);
              Files.deleteIfExists(marker);
              return Optional.of(claimed);
            }
          }
          return Optional.empty();
        });
  }

  @Override
  public JobSnapshot heartbeat(
      JobId id, String runId, Progress progress, Map<String, Duration> phaseTimings) {
    return fenced(
        id,
        "heartbeat",
        job -> {
          JobSnapshot next = JobTransitions.heartbeat(job, now(), runId, progress, phaseTimings);
          writeRecord(next, false);
          return next;
        });
  }

  @Override
  public StagedArtifact stage(JobId id, String runId, byte[] markdownUtf8) {
    JobTransitions.checkFence(get(id), runId);
    for (int attempt = 1; ; attempt++) {
      try {
        return writeStaged(id, runId, markdownUtf8);
      } catch (StoreUnavailableException e) {
        if (!(e.getCause() instanceof NoSuchFileException) || attempt == STAGE_ATTEMPTS) {
          throw e;
        }
        // The run's staging folder vanished between its creation and the write. The reaper
        // deletes the folder of a run it takes back: then the run hears lease_lost, not a disk
        // error. Another process's recovery on open removes empty folders: then write again.
        JobTransitions.checkFence(get(id), runId);
      }
    }
  }

  private StagedArtifact writeStaged(JobId id, String runId, byte[] markdownUtf8) {
    return io(
        "stage artifact of job " + id,
        () -> {
          Path runDir = staging.resolve(safeRunId(runId));
          Files.createDirectories(runDir);
          Path file = runDir.resolve(id.value() + ARTIFACT_SUFFIX);
          Hashing.FileHash hash;
          try (FileChannel ch =
                  FileChannel.open(
                      file,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.TRUNCATE_EXISTING,
                      StandardOpenOption.WRITE);
              HashingOutputStream out = new HashingOutputStream(Channels.newOutputStream(ch))) {
            out.write(markdownUtf8);
            out.flush();
            ch.force(true);
            hash = out.hash();
          } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
          }
          return new StagedArtifact(
              id, runId, hash.sha256(), hash.size(), root.relativize(file).toString());
        });
  }

  @Override
  public JobSnapshot complete(
      JobId id,
      String runId,
      StagedArtifact staged,
      ArtifactManifest manifest,
      Map<String, Duration> phaseTimings) {
    JobTransitions.checkManifest(id, runId, staged, manifest);
    return fenced(
        id,
        "complete",
        job -> {
          JobSnapshot done = JobTransitions.complete(job, now(), runId, manifest, phaseTimings);
          Path stagedFile = stagedFile(id, runId);
          if (!Files.exists(stagedFile)) {
            throw new IntegrityViolationException(
                "staged artifact is missing: " + stagedFile,
                Map.of("path", stagedFile.toString()),
                id.value(),
                job.attempt());
          }
          long onDisk = Files.size(stagedFile);
          if (onDisk != manifest.size()) {
            // The hash was taken while writing; a size check catches truncation without a re-read.
            throw new IntegrityViolationException(
                "staged artifact has " + onDisk + " bytes, its manifest says " + manifest.size(),
                Map.of("path", stagedFile.toString()),
                id.value(),
                job.attempt());
          }
          Path published = artifactFile(id, runId);
          Files.createDirectories(published.getParent());
          // Publish then record: a crash between leaves an artifact no record names, which
          // recovery ignores; the job stays RUNNING and is reaped and run again.
          AtomicFiles.move(stagedFile, published, true);
          writeRecord(done, true);
          Files.deleteIfExists(runningMarker(id));
          deleteDirIfEmpty(stagedFile.getParent());
          return done;
        });
  }

  @Override
  public JobSnapshot fail(
      JobId id,
      String runId,
      ErrorInfo error,
      Duration backoff,
      Map<String, Duration> phaseTimings) {
    return fenced(
        id,
        "fail",
        job ->
            backToQueueOrEnd(
                job, JobTransitions.fail(job, now(), runId, error, backoff, phaseTimings)));
  }

  @Override
  public JobSnapshot release(JobId id, String runId) {
    return fenced(
        id, "release", job -> backToQueueOrEnd(job, JobTransitions.release(job, now(), runId)));
  }

  @Override
  public JobSnapshot markCanceled(JobId id, String runId) {
    return fenced(
        id, "cancel", job -> backToQueueOrEnd(job, JobTransitions.markCanceled(job, now(), runId)));
  }

  @Override
  public JobSnapshot cancel(JobId id) {
    return io(
        "cancel job " + id,
        () -> {
          try (FileLocks.Held ignored = FileLocks.lock(lockFile(id))) {
            JobSnapshot job =
                readRecord(id).orElseThrow(() -> new JobNotFoundException(id.value()));
            Optional<JobSnapshot> next = JobTransitions.cancel(job, now());
            if (next.isEmpty()) {
              return job;
            }
            writeRecord(next.get(), true);
            if (next.get().state() == JobState.CANCELED) {
              Files.deleteIfExists(queueMarker(job));
            }
            return next.get();
          }
        });
  }

  @Override
  public List<JobSnapshot> reap(Duration staleAfter) {
    return io(
        "reap",
        () -> {
          List<JobSnapshot> reaped = new ArrayList<>();
          for (Path marker : sortedNames(running)) {
            JobId id = idFromPlainMarker(marker);
            if (id == null) {
              Files.deleteIfExists(marker);
              continue;
            }
            Optional<JobSnapshot> seen = readRecord(id);
            if (seen.isPresent()
                && seen.get().state() == JobState.RUNNING
                && !JobTransitions.isStale(seen.get(), now(), staleAfter)) {
              continue;
            }
            try (FileLocks.Held ignored = FileLocks.lock(lockFile(id))) {
              // Re-check under the lock: the job may have heartbeated, completed or been reaped.
              Optional<JobSnapshot> current = readRecord(id);
              if (current.isEmpty() || current.get().state() != JobState.RUNNING) {
                Files.deleteIfExists(marker);
                continue;
              }
              JobSnapshot job = current.get();
              Optional<JobSnapshot> next = JobTransitions.reap(job, now(), staleAfter);
              if (next.isEmpty()) {
                continue;
              }
              LOG.warn(
                  "reaping job {} run {}: last heartbeat {}", id, job.runId(), job.heartbeatAt());
              reaped.add(backToQueueOrEnd(job, next.get()));
              // The dead run can never complete now: what it staged, or published before dying
              // ahead of its record, is garbage no record will ever name.
              Path staged = stagedFile(id, job.runId());
              Files.deleteIfExists(staged);
              deleteDirIfEmpty(staged.getParent());
              Files.deleteIfExists(artifactFile(id, job.runId()));
            }
          }
          return reaped;
        });
  }

  @Override
  public JobPage list(PageRequest page) {
    return io(
        "list jobs",
        () -> {
          List<JobSnapshot> out = new ArrayList<>(page.limit());
          boolean more = false;
          for (Path marker : sortedNames(index)) {
            String name = marker.getFileName().toString();
            int dash = name.indexOf('-');
            if (dash != 20) {
              continue;
            }
            long sequence = Long.parseLong(name.substring(0, dash));
            if (sequence <= page.afterSequence()) {
              continue;
            }
            if (out.size() == page.limit()) {
              more = true;
              break;
            }
            JobId id = idFromMarker(marker);
            if (id != null) {
              readRecord(id).ifPresent(out::add);
            }
          }
          OptionalLong next =
              more && !out.isEmpty()
                  ? OptionalLong.of(out.get(out.size() - 1).sequence())
                  : OptionalLong.empty();
          return new JobPage(out, next);
        });
  }

  @Override
  public Map<JobState, Long> counts() {
    return io(
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

  @Override
  public boolean idle() {
    return io("check idle", () -> isEmpty(queue) && isEmpty(running));
  }

  @Override
  public List<JobSnapshot> runningJobs() {
    return io(
        "list running jobs",
        () -> {
          List<JobSnapshot> out = new ArrayList<>();
          for (Path marker : sortedNames(running)) {
            JobId id = idFromPlainMarker(marker);
            if (id != null) {
              readRecord(id).filter(j -> j.state() == JobState.RUNNING).ifPresent(out::add);
            }
          }
          return out;
        });
  }

  /** Every job record, unordered. */
  public List<JobSnapshot> allJobs() {
    return io(
        "read jobs",
        () -> {
          List<JobSnapshot> out = new ArrayList<>();
          for (Path file : listDir(jobs)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".json") && JobId.isValid(name.substring(0, name.length() - 5))) {
              readRecord(JobId.of(name.substring(0, name.length() - 5))).ifPresent(out::add);
            }
          }
          return out;
        });
  }

  @Override
  public byte[] readArtifact(ArtifactManifest manifest) {
    Path file = artifactFile(manifest.jobId(), manifest.runId());
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readAllBytes();
    } catch (NoSuchFileException e) {
      integrityViolations.add(manifest.jobId());
      throw new IntegrityViolationException(
          "artifact is missing: " + file,
          Map.of("path", file.toString()),
          manifest.jobId().value(),
          manifest.attempt());
    } catch (IOException e) {
      throw storeUnavailable("read artifact " + file, e);
    }
    String sha = Hashing.sha256Hex(bytes);
    if (!sha.equals(manifest.sha256()) || bytes.length != manifest.size()) {
      integrityViolations.add(manifest.jobId());
      throw new IntegrityViolationException(
          "artifact does not match its manifest: " + file,
          Map.of(
              "path", file.toString(),
              "expected_sha256", manifest.sha256(),
              "actual_sha256", sha,
              "expected_size", String.valueOf(manifest.size()),
              "actual_size", String.valueOf(bytes.length)),
          manifest.jobId().value(),
          manifest.attempt());
    }
    return bytes;
  }

  @Override
  public VerifyReport verify() {
    List<String> violations = new ArrayList<>();
    long artifactsChecked = 0;
    List<JobSnapshot> all = allJobs();
    for (JobSnapshot job : all) {
      for (String v : JobInvariants.violations(job)) {
        violations.add(job.id() + " " + v);
      }
      if (job.state() == JobState.QUEUED && !Files.exists(queueMarker(job))) {
        violations.add(job.id() + " index: QUEUED job missing from the queue index");
      }
      if (job.state() == JobState.SUCCEEDED && job.manifest() != null) {
        artifactsChecked++;
        try {
          readArtifact(job.manifest());
        } catch (IntegrityViolationException e) {
          violations.add(job.id() + " S: " + e.getMessage());
        }
      }
    }
    Collections.sort(violations);
    return new VerifyReport(all.size(), artifactsChecked, violations);
  }

  @Override
  public long impossibleStatesRepaired() {
    return impossibleStatesRepaired.get();
  }

  @Override
  public Set<JobId> integrityViolations() {
    return Set.copyOf(integrityViolations);
  }

  @Override
  public void close() {
    // Every lock is scoped to one transition; nothing is held between calls.
  }

  // ---------------------------------------------------------------- helpers

  private interface Transition {
    JobSnapshot apply(JobSnapshot current) throws IOException;
  }

  /**
   * Runs a run's write under the job's lock; the transition checks T (terminal jobs never change)
   * and F (the caller's run id owns the RUNNING job) first.
   */
  private JobSnapshot fenced(JobId id, String what, Transition transition) {
    return io(
        what + " job " + id,
        () -> {
          try (FileLocks.Held ignored = FileLocks.lock(lockFile(id))) {
            JobSnapshot job =
                readRecord(id).orElseThrow(() -> new JobNotFoundException(id.value()));
            return transition.apply(job);
          }
        });
  }

  /** Writes a transition out of RUNNING, keeping the queue and running markers consistent. */
  private JobSnapshot backToQueueOrEnd(JobSnapshot job, JobSnapshot next) throws IOException {
    if (next.state() == JobState.QUEUED) {
      AtomicFiles.touch(queueMarker(next), true);
    }
    writeRecord(next, true);
    if (next.state() != JobState.RUNNING) {
      Files.deleteIfExists(runningMarker(next.id()));
    }
    return next;
  }

  private Optional<JobSnapshot> readRecord(JobId id) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(recordFile(id));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(codec.read(bytes));
  }

  private void writeRecord(JobSnapshot job, boolean durable) throws IOException {
    AtomicFiles.write(recordFile(job.id()), tempFile(), codec.write(job), durable);
  }

  private Path tempFile() {
    return tmp.resolve(tempPrefix + tempCounter.incrementAndGet() + ".tmp");
  }

  private Path recordFile(JobId id) {
    return jobs.resolve(id.value() + ".json");
  }

  private Path lockFile(JobId id) {
    return locks.resolve(id.value() + ".lock");
  }

  private Path queueMarker(JobSnapshot job) {
    return queue.resolve(String.format(SEQ_WIDTH, job.sequence()) + "-" + job.id().value());
  }

  private Path indexMarker(JobSnapshot job) {
    return index.resolve(String.format(SEQ_WIDTH, job.sequence()) + "-" + job.id().value());
  }

  private Path runningMarker(JobId id) {
    return running.resolve(id.value());
  }

  private Path stagedFile(JobId id, String runId) {
    return staging.resolve(safeRunId(runId)).resolve(id.value() + ARTIFACT_SUFFIX);
  }

  /** Where a run's published artifact lives. */
  public Path artifactFile(JobId id, String runId) {
    return artifacts.resolve(id.value()).resolve(safeRunId(runId) + ARTIFACT_SUFFIX);
  }

  private static String safeRunId(String runId) {
    // Run ids are UUIDs minted by this store; anything else must never become a path.
    UUID.fromString(runId);
    return runId;
  }

  private static JobId idFromMarker(Path marker) {
    String name = marker.getFileName().toString();
    int dash = name.indexOf('-');
    String id = dash < 0 ? "" : name.substring(dash + 1);
    return JobId.isValid(id) ? JobId.of(id) : null;
  }

  private static JobId idFromPlainMarker(Path marker) {
    String name = marker.getFileName().toString();
    return JobId.isValid(name) ? JobId.of(name) : null;
  }

  private static List<Path> listDir(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        out.add(p);
      }
    }
    return out;
  }

  private static List<Path> sortedNames(Path dir) throws IOException {
    List<Path> out = listDir(dir);
    out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    return out;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }

  private static void deleteDirIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // Not empty (another artifact is staged there) or already gone.
    }
  }

  private interface IoAction<T> {
    T run() throws IOException;
  }

  private <T> T io(String what, IoAction<T> action) {
    try {
      return action.run();
    } catch (IOException e) {
      throw storeUnavailable(what, e);
    }
  }

  private StoreUnavailableException storeUnavailable(String what, IOException e) {
    String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : null;
    return new StoreUnavailableException(
        "cannot " + what + " in " + root + ": " + e,
        reason == null
            ? Map.of("path", root.toString())
            : Map.of("path", root.toString(), "reason", reason),
        e);
  }
}
