package org.convertalot.core.internal.filestore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.convertalot.api.JobId;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.error.StoreUnavailableException;
import org.convertalot.core.internal.process.ProcessTokens;
import org.convertalot.core.store.spi.JobCodec;
import org.convertalot.core.store.spi.JobInvariants;
import org.convertalot.core.store.spi.UnreadableRecordException;

/**
 * The layout of one data root: every path the store uses, the descriptor that claims the folder
 * (format and namespace), and the records, markers and small files inside it. See {@code
 * docs/architecture.md} for the tree.
 *
 * <p>Guarantees: nothing from a request becomes a path (job ids are validated, run ids must be
 * UUIDs); a folder is only taken over when it is empty or already a data root of the same format
 * and namespace ({@code data_root_conflict} otherwise); every record and small-file write is atomic
 * and, unless asked otherwise, durable ({@link AtomicFiles}); every I/O failure reaches the caller
 * as {@code store_unavailable} naming the root. It takes no job lock itself: callers hold {@link
 * #lock} around a read-decide-write.
 */
final class DataRoot {
  private static final String SEQ_WIDTH = "%020d";
  // Not ".md": a user counting the Markdown files of an output folder must not count the store's.
  private static final String ARTIFACT_SUFFIX = ".artifact";
  private static final String RECORD_SUFFIX = ".json";

  private final Path root;
  private final String namespace;
  private final JobCodec codec = new JobCodec();
  private final Quarantine quarantine;
  private final ProcessTokens tokens;
  private final String tempPrefix;
  private final AtomicLong tempCounter = new AtomicLong();
  private final Path jobs;
  private final Path locks;
  private final Path queue;
  private final Path running;
  private final Path index;
  private final Path keys;
  private final Path staging;
  private final Path artifacts;
  private final Path tmp;

  DataRoot(Path root, String namespace, Clock clock) {
    this.root = root;
    this.namespace = namespace;
    this.quarantine = new Quarantine(this, clock);
    // The process token leads so that recovery can tell a dead process's temp files from a live
    // one's, including processes in other pid namespaces or on other hosts sharing the root.
    this.tokens = ProcessTokens.current();
    this.tempPrefix = tokens.prefix() + UUID.randomUUID().toString().substring(0, 8) + "-";
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

  // ---------------------------------------------------------------- folders of the layout

  /** Creates the folders a process needs before it holds the root lock. */
  void createLockAndTempFolders() throws IOException {
    Files.createDirectories(locks);
    Files.createDirectories(tmp);
  }

  /** Creates every other folder of the layout. */
  void createFolders() throws IOException {
    for (Path dir : List.of(jobs, queue, running, index, keys, staging, artifacts)) {
      Files.createDirectories(dir);
    }
  }

  // ---------------------------------------------------------------- locks

  /** The root's own lock: guards submit (sequence and keys) and the descriptor. */
  FileLocks.Held lockRoot() throws IOException {
    return FileLocks.lock(locks.resolve("root.lock"));
  }

  /** Blocks until this thread holds the job's lock. */
  FileLocks.Held lock(JobId id) throws IOException {
    return FileLocks.lock(lockFile(id));
  }

  /** The job's lock when it is free right now. */
  Optional<FileLocks.Held> tryLock(JobId id) throws IOException {
    return FileLocks.tryLock(lockFile(id));
  }

  private Path lockFile(JobId id) {
    return locks.resolve(id.value() + ".lock");
  }

  // ---------------------------------------------------------------- records and small files

  /**
   * The job's record, when it exists and can be read. An unreadable record reads as absent here;
   * only {@link #readRecordOrIsolate}, under the job's lock, moves it aside, so that a reader never
   * moves a record a writer has just replaced.
   */
  Optional<JobSnapshot> readRecord(JobId id) throws IOException {
    try {
      return readChecked(id);
    } catch (UnreadableRecordException e) {
      return Optional.empty();
    }
  }

  /**
   * The job's record under its lock (the caller holds it): an unreadable record is moved to
   * quarantine with its reason and reads as absent, so one bad file never stops other jobs.
   */
  Optional<JobSnapshot> readRecordOrIsolate(JobId id) throws IOException {
    try {
      return readChecked(id);
    } catch (UnreadableRecordException e) {
      quarantine.isolate(recordFile(id), e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The job's record, or why it cannot be used: not a record of this format, another job's record,
   * a run id that is not a UUID (it would become a path), or a rule no repair restores (S, the
   * attempt range). Q and R are left to the sanitizer, which repairs them.
   */
  Optional<JobSnapshot> readChecked(JobId id) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(recordFile(id));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    JobSnapshot job = codec.read(bytes);
    if (!job.id().equals(id)) {
      throw new UnreadableRecordException("the record of job " + job.id() + " under " + id);
    }
    // A QUEUED record's stray run id is Q, repaired by clearing it; elsewhere run ids become paths.
    if (job.state() != JobState.QUEUED && job.runId() != null && !isUuid(job.runId())) {
      throw new UnreadableRecordException("run id is not a UUID");
    }
    if (job.manifest() != null && !isUuid(job.manifest().runId())) {
      throw new UnreadableRecordException("the manifest's run id is not a UUID");
    }
    List<String> unrepairable = JobInvariants.unrepairable(job);
    if (!unrepairable.isEmpty()) {
      throw new UnreadableRecordException(String.join("; ", unrepairable));
    }
    return Optional.of(job);
  }

  private static boolean isUuid(String text) {
    try {
      return UUID.fromString(text).toString().equals(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The root's quarantine folder. */
  Quarantine quarantine() {
    return quarantine;
  }

  /** Replaces the job's record atomically; {@code durable} adds the fsyncs. */
  void writeRecord(JobSnapshot job, boolean durable) throws IOException {
    AtomicFiles.write(recordFile(job.id()), tempFile(), codec.write(job), durable);
  }

  /**
   * Removes a purged job's files: the record first (from then on the job does not exist), then its
   * listing marker, artifacts, idempotency key (when it still names the job) and lock file. Call
   * under {@link #lockRoot} and the job's lock; a crash part-way leaves only files that name no
   * record, which recovery removes or quarantines.
   */
  void deletePurged(JobSnapshot job, String key) throws IOException {
    Files.deleteIfExists(recordFile(job.id()));
    AtomicFiles.fsyncDirectory(jobs);
    Files.deleteIfExists(indexMarker(job));
    Path jobArtifacts = artifacts.resolve(job.id().value());
    for (Path file : listDir(jobArtifacts)) {
      Files.deleteIfExists(file);
    }
    deleteDirIfEmpty(jobArtifacts);
    if (keyOwner(key).filter(job.id()::equals).isPresent()) {
      Files.deleteIfExists(keyFile(key));
    }
    Files.deleteIfExists(lockFile(job.id()));
  }

  /** The ids of every record file, unordered. */
  List<JobId> recordIds() throws IOException {
    List<JobId> out = new ArrayList<>();
    for (Path file : listDir(jobs)) {
      String name = file.getFileName().toString();
      String id = name.substring(0, Math.max(0, name.length() - RECORD_SUFFIX.length()));
      if (name.endsWith(RECORD_SUFFIX) && JobId.isValid(id)) {
        out.add(JobId.of(id));
      }
    }
    return out;
  }

  private Path recordFile(JobId id) {
    return jobs.resolve(id.value() + RECORD_SUFFIX);
  }

  /**
   * Takes the next submit sequence number. Call under {@link #lockRoot}. A damaged sequence file is
   * quarantined and the sequence rebuilt from the highest one the markers and records hold, so no
   * number is ever given twice.
   */
  long nextSequence() throws IOException {
    Path seqFile = root.resolve("sequence");
    long current = 0;
    if (Files.exists(seqFile)) {
      String text = new String(Files.readAllBytes(seqFile), StandardCharsets.US_ASCII).trim();
      current = parseSequence(text);
      if (current < 0) {
        quarantine.isolate(seqFile, "sequence file does not hold a number");
        current = highestSequenceInUse();
      }
    }
    long next = current + 1;
    AtomicFiles.write(
        seqFile, tempFile(), Long.toString(next).getBytes(StandardCharsets.US_ASCII), true);
    return next;
  }

  private static long parseSequence(String text) {
    if (text.isEmpty() || text.length() > 20 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException tooLarge) {
      return -1;
    }
  }

  private long highestSequenceInUse() throws IOException {
    long highest = 0;
    for (Path marker : indexMarkers()) {
      highest = Math.max(highest, sequenceOfMarker(marker));
    }
    for (Path marker : queueMarkers()) {
      highest = Math.max(highest, sequenceOfMarker(marker));
    }
    for (JobId id : recordIds()) {
      Optional<JobSnapshot> job = readRecord(id);
      if (job.isPresent()) {
        highest = Math.max(highest, job.get().sequence());
      }
    }
    return highest;
  }

  /** The job an idempotency key was last given to, when its file names a valid id. */
  Optional<JobId> keyOwner(String key) throws IOException {
    Path keyFile = keyFile(key);
    if (!Files.exists(keyFile)) {
      return Optional.empty();
    }
    String existing = new String(Files.readAllBytes(keyFile), StandardCharsets.US_ASCII).trim();
    return JobId.isValid(existing) ? Optional.of(JobId.of(existing)) : Optional.empty();
  }

  /** Gives an idempotency key to a job. Call under {@link #lockRoot}. */
  void writeKey(String key, JobId id) throws IOException {
    AtomicFiles.write(
        keyFile(key), tempFile(), id.value().getBytes(StandardCharsets.US_ASCII), true);
  }

  private Path keyFile(String key) {
    // Keys are hex SHA-256 from NewJob.idempotencyKey(), never caller text.
    return keys.resolve(key);
  }

  /** A fresh temp file name of this process, for one atomic write. */
  Path tempFile() {
    return tmp.resolve(tempPrefix + tempCounter.incrementAndGet() + ".tmp");
  }

  // ---------------------------------------------------------------- markers

  /** Present while the job is QUEUED; named so that listing the folder gives submit order. */
  Path queueMarker(JobSnapshot job) {
    return queue.resolve(String.format(SEQ_WIDTH, job.sequence()) + "-" + job.id().value());
  }

  /** The listing index entry, in submit order. */
  Path indexMarker(JobSnapshot job) {
    return index.resolve(String.format(SEQ_WIDTH, job.sequence()) + "-" + job.id().value());
  }

  /** Present while the job is RUNNING; the reaper scans these. */
  Path runningMarker(JobId id) {
    return running.resolve(id.value());
  }

  /** Queue markers in submit order. */
  List<Path> queueMarkers() throws IOException {
    return sortedNames(queue);
  }

  /** Listing index entries in submit order. */
  List<Path> indexMarkers() throws IOException {
    return sortedNames(index);
  }

  /** Running markers by job id. */
  List<Path> runningMarkers() throws IOException {
    return sortedNames(running);
  }

  /** Whether no job is QUEUED or RUNNING by the markers. */
  boolean noQueuedOrRunningMarkers() throws IOException {
    return isEmpty(queue) && isEmpty(running);
  }

  /** The job of a queue or index marker ({@code <sequence>-<id>}), or null for a foreign name. */
  static JobId idFromMarker(Path marker) {
    String name = marker.getFileName().toString();
    int dash = name.indexOf('-');
    String id = dash < 0 ? "" : name.substring(dash + 1);
    return JobId.isValid(id) ? JobId.of(id) : null;
  }

  /** The sequence of a queue or index marker, or -1 for a foreign name. */
  static long sequenceOfMarker(Path marker) {
    String name = marker.getFileName().toString();
    int dash = name.indexOf('-');
    return dash == 20 ? parseSequence(name.substring(0, dash)) : -1;
  }

  /** The job of a running marker ({@code <id>}), or null for a foreign name. */
  static JobId idFromPlainMarker(Path marker) {
    String name = marker.getFileName().toString();
    return JobId.isValid(name) ? JobId.of(name) : null;
  }

  // ---------------------------------------------------------------- artifacts

  /** A run's private staging folder. */
  Path runStaging(String runId) {
    return staging.resolve(safeRunId(runId));
  }

  /** Where a run stages its artifact. */
  Path stagedFile(JobId id, String runId) {
    return runStaging(runId).resolve(id.value() + ARTIFACT_SUFFIX);
  }

  /** Where a run's published artifact lives. */
  Path artifactFile(JobId id, String runId) {
    return artifacts.resolve(id.value()).resolve(safeRunId(runId) + ARTIFACT_SUFFIX);
  }

  /** The staging folders of every run. */
  List<Path> runStagingFolders() throws IOException {
    return listDir(staging);
  }

  /** The published-artifact folders of every job. */
  List<Path> artifactFolders() throws IOException {
    return listDir(artifacts);
  }

  /** The temp folder's entries. */
  List<Path> tempFiles() throws IOException {
    return listDir(tmp);
  }

  /** A staged or published file's name without the artifact suffix: a job id or a run id. */
  static String withoutArtifactSuffix(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(ARTIFACT_SUFFIX)
        ? name.substring(0, name.length() - ARTIFACT_SUFFIX.length())
        : name;
  }

  /** A path relative to the root, for messages and {@code StagedArtifact.location}. */
  String relative(Path file) {
    return root.relativize(file).toString();
  }

  private static String safeRunId(String runId) {
    // Run ids are UUIDs minted by this store; anything else must never become a path.
    UUID.fromString(runId);
    return runId;
  }

  // ---------------------------------------------------------------- folders

  static List<Path> listDir(Path dir) throws IOException {
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

  /** A folder's entries sorted by name; none when it does not exist. */
  static List<Path> sortedNames(Path dir) throws IOException {
    List<Path> out = listDir(dir);
    out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    return out;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }

  static void deleteDirIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // Not empty (another artifact is staged there) or already gone.
    }
  }

  // ---------------------------------------------------------------- errors

  /** An action on the root that may fail with an I/O error. */
  interface IoAction<T> {
    T run() throws IOException;
  }

  /** Runs an action; an I/O error becomes {@code store_unavailable}. */
  <T> T io(String what, IoAction<T> action) {
    try {
      return action.run();
    } catch (IOException e) {
      throw storeUnavailable(what, e);
    }
  }

  /**
   * {@code store_unavailable} for an I/O error, with the file system's reason when it gives one.
   */
  StoreUnavailableException storeUnavailable(String what, IOException e) {
    String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : null;
    return new StoreUnavailableException(
        "cannot " + what + " in " + root + ": " + e,
        reason == null
            ? Map.of("path", root.toString())
            : Map.of("path", root.toString(), "reason", reason),
        e);
  }

  /** This process's tokens, for names that say who made them. */
  ProcessTokens tokens() {
    return tokens;
  }

  /** The root folder, absolute and normalized. */
  Path root() {
    return root;
  }

  /** The namespace the root carries. */
  String namespace() {
    return namespace;
  }
}
