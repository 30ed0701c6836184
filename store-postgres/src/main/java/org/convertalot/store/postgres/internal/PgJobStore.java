package org.convertalot.store.postgres.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.convertalot.api.ArtifactManifest;
import org.convertalot.api.ErrorInfo;
import org.convertalot.api.JobId;
import org.convertalot.api.JobPage;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.JobState;
import org.convertalot.api.JobTotals;
import org.convertalot.api.PageRequest;
import org.convertalot.api.Progress;
import org.convertalot.api.WorkerIdentity;
import org.convertalot.api.error.JobNotFoundException;
import org.convertalot.core.store.JobTransitions;
import org.convertalot.core.store.NewJob;
import org.convertalot.core.store.StagedArtifact;
import org.convertalot.core.store.SubmitResult;
import org.convertalot.core.store.VerifyReport;
import org.convertalot.store.postgres.PostgresJobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL job store. Each transition is one transaction: lock the row ({@code SELECT … FOR
 * UPDATE}, or {@code FOR UPDATE SKIP LOCKED} for claims and the reaper), read the store's time,
 * decide the next snapshot with {@link JobTransitions}, write it with a guarded {@code UPDATE}
 * ({@code WHERE id = ? AND state = ?}, plus {@code AND run_id = ?} for a run's writes), commit.
 *
 * <p>Guarantees: exactly one claim wins each job across threads, processes and machines, since a
 * claim only takes a QUEUED row it locked and skips rows another transaction holds (O); a run's
 * write is decided on the row as locked, so a run that lost its claim hears {@code lease_lost} and
 * a write to an ended job {@code terminal_state_conflict}, exactly as {@link
 * JobTransitions#checkFence} words them (F, T); an artifact becomes visible only in the transaction
 * that records SUCCEEDED (S); the schema's constraints refuse any row that breaks Q, R or S, so
 * there is nothing for {@link #sanitize()} to repair.
 */
public final class PgJobStore implements PostgresJobStore {
  private static final Logger LOG = LoggerFactory.getLogger(PgJobStore.class);

  private final Sql sql;
  private final Rows rows;
  private final Artifacts artifacts;
  private final Sources sources;
  private final Wakeups wakeups;
  private final Reads reads;
  private final String namespace;

  /** Stale runs one reaper transaction takes at most. */
  private static final int REAP_BATCH_SIZE = 500;

  private final SecureRandom random = new SecureRandom();
  private final AutoCloseable closing;

  private final SharedFolder folder;
  private final Retention retention;

  private PgJobStore(
      Sql sql, Wakeups wakeups, SharedFolder folder, String namespace, AutoCloseable closing) {
    this.closing = closing;
    this.sql = sql;
    this.rows = new Rows(sql);
    this.folder = folder;
    this.artifacts = new Artifacts(sql, folder);
    this.sources = new Sources(sql, folder);
    this.wakeups = wakeups;
    this.retention = new Retention(sql, sources, folder);
    this.reads = new Reads(sql, rows, artifacts);
    this.namespace = namespace;
  }

  /**
   * Opens the store on a schema, creating and migrating it first.
   *
   * @param dataSource where connections come from; the caller owns (and closes) it
   * @param schema the schema's name, already checked
   * @param namespace the namespace the schema carries, or is created with
   * @param clock the clock of every time the store writes, or {@code null} for the database's
   * @param offset added to every time the store reads (tests move time with it)
   * @param closing closed with the store, or {@code null}
   * @param sharedFolder where sources and artifacts are kept as files, or {@code null} for the
   *     database
   * @return the open store
   */
  public static PgJobStore open(
      DataSource dataSource,
      String schema,
      String namespace,
      Clock clock,
      Supplier<Duration> offset,
      AutoCloseable closing,
      Path sharedFolder) {
    Sql sql = new Sql(dataSource, Schema.checkName(schema), clock, offset);
    sql.tx(
        "migrate",
        c -> {
          Schema.migrate(c, schema, namespace);
          return null;
        });
    SharedFolder folder = sharedFolder == null ? null : new SharedFolder(sharedFolder);
    return new PgJobStore(sql, new Wakeups(dataSource, schema), folder, namespace, closing);
  }

  /**
   * Checks a schema's name (see {@link PostgresJobStore#checkSchema}).
   *
   * @param schema the name
   * @return the name
   */
  public static String checkSchema(String schema) {
    return Schema.checkName(schema);
  }

  @Override
  public String describe() {
    return "postgres:" + sql.schema();
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public String schema() {
    return sql.schema();
  }

  @Override
  public Instant now() {
    return sql.now();
  }

  @Override
  public SubmitResult submit(NewJob job) {
    String key = job.idempotencyKey();
    Optional<byte[]> small = sources.smallSource(job.source());
    if (small.isPresent()) {
      SubmitResult fast = submitSmall(job, key, small.get());
      if (fast != null) {
        return fast;
      }
    }
    return sql.tx(
        "submit",
        c -> {
          // The insert comes first: the partial unique index on live keys decides, and a submit
          // of a key that another transaction is inserting waits for that one's commit.
          for (int attempt = 1; ; attempt++) {
            long sequence;
            Instant now;
            // One round trip: the sequence, the time, and the notification (sent at commit, when
            // the job is claimable).
            try (PreparedStatement ps =
                c.prepareStatement(
                    "SELECT nextval('"
                        + sql.table("job_seq")
                        + "'), clock_timestamp(), pg_notify(?, '')")) {
              ps.setString(1, wakeups.channel());
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sequence = rs.getLong(1);
                now = sql.at(rs.getObject(2, OffsetDateTime.class));
              }
            }
            JobId id = JobId.generate(now.toEpochMilli(), random);
            JobSnapshot created = JobTransitions.submit(job, id, sequence, now);
            boolean stored = sources.store(c, job.source(), id);
            if (rows.insert(c, created, key, stored)) {
              return new SubmitResult(created, true);
            }
            Optional<JobSnapshot> existing = rows.liveWithKey(c, key);
            if (existing.isPresent()) {
              return new SubmitResult(existing.get(), false);
            }
            if (attempt == 3) {
              // The live job with this key kept ending between the insert and the read.
              throw new IllegalStateException("no live job holds key " + key + " yet it conflicts");
            }
          }
        });
  }

  /**
   * A submit of a source of one chunk in two autocommit statements: the sequence and the time, then
   * source, chunk and job row in one {@code INSERT … WITH}, which also sends the notification.
   *
   * @return the result, or {@code null} when the general path must decide (the file is not readable
   *     here, the key is taken by a job that ended meanwhile, or a purge removed the source row the
   *     job would reference)
   */
  private SubmitResult submitSmall(NewJob job, String key, byte[] bytes) {
    return sql.single(
        "submit",
        c -> {
          long sequence;
          Instant now;
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT nextval('" + sql.table("job_seq") + "'), clock_timestamp()");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            sequence = rs.getLong(1);
            now = sql.at(rs.getObject(2, OffsetDateTime.class));
          }
          JobId id = JobId.generate(now.toEpochMilli(), random);
          JobSnapshot created = JobTransitions.submit(job, id, sequence, now);
          try (PreparedStatement ps =
              c.prepareStatement(
                  sources.withSmallSource()
                      + ", job AS ("
                      + rows.insertSql()
                      + " RETURNING id) SELECT (SELECT count(*) FROM job), pg_notify(?, '')")) {
            int next = sources.bindSmallSource(ps, job.source(), bytes);
            next = rows.bindInsert(ps, next, created, key, true);
            ps.setString(next, wakeups.channel());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              if (rs.getLong(1) == 1) {
                return new SubmitResult(created, true);
              }
            }
          } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) {
              return null; // the source row it found was purged before the job referenced it
            }
            throw e;
          }
          Optional<JobSnapshot> existing = rows.liveWithKey(c, key);
          return existing.map(j -> new SubmitResult(j, false)).orElse(null);
        });
  }

  @Override
  public Optional<JobSnapshot> find(JobId id) {
    return sql.read("read job " + id, c -> rows.read(c, id));
  }

  @Override
  public List<JobSnapshot> findAll(Collection<JobId> ids) {
    return reads.findAll(ids);
  }

  @Override
  public Optional<JobSnapshot> claim(WorkerIdentity owner) {
    return sql.tx(
        "claim",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(claimQuery(sql.schema()))) {
            sql.bindTime(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              // A QUEUED row carries no time of another run that this one could precede.
              Instant now = sql.at(rs.getObject("at", OffsetDateTime.class));
              JobSnapshot queued = rows.decode(rs);
              JobSnapshot claimed =
                  JobTransitions.claim(queued, now, UUID.randomUUID().toString(), owner);
              if (!rows.update(c, claimed, JobState.QUEUED.name(), null)) {
                throw new IllegalStateException("claimed row " + queued.id() + " changed");
              }
              return Optional.of(claimed);
            }
          }
        });
  }

  /**
   * The claim's query: the first claimable QUEUED row by submit order that no other transaction
   * holds, locked. Served by the partial index {@code jobs_queued}, so its cost does not grow with
   * the queue. Public for the test that checks its plan at a million queued jobs.
   *
   * @param schema the schema
   * @return the query, whose parameters {@link Sql#bindTime} binds
   */
  public static String claimQuery(String schema) {
    return "SELECT "
        + Rows.RECORD
        + ", clock_timestamp() AS at FROM "
        + schema
        + ".jobs WHERE state = 'QUEUED' AND (not_before IS NULL OR not_before <= "
        + Sql.TIME
        + ") ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED";
  }

  @Override
  public JobSnapshot heartbeat(
      JobId id, String runId, Progress progress, Map<String, Duration> phaseTimings) {
    return fenced(
        id,
        runId,
        "heartbeat",
        (c, job, now) -> JobTransitions.heartbeat(job, now, runId, progress, phaseTimings));
  }

  @Override
  public StagedArtifact stage(JobId id, String runId, byte[] markdownUtf8) {
    return sql.tx(
        "stage artifact of job " + id,
        c -> {
          // A shared lock: no transition of the job can run until the staged bytes are in.
          JobSnapshot job =
              rows.share(c, id).orElseThrow(() -> new JobNotFoundException(id.value()));
          JobTransitions.checkFence(job, runId);
          return artifacts.stage(c, id, runId, markdownUtf8);
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
        runId,
        "complete",
        (c, job, now) -> {
          JobSnapshot done = JobTransitions.complete(job, now, runId, manifest, phaseTimings);
          if (done.state() == JobState.CANCELED) {
            artifacts.discardRun(c, runId);
          } else {
            artifacts.publish(c, id, runId, manifest);
          }
          return done;
        });
  }

  @Override
  public JobSnapshot completeWith(
      JobId id,
      String runId,
      byte[] markdownUtf8,
      BiFunction<StagedArtifact, Instant, ArtifactManifest> manifest,
      Map<String, Duration> phaseTimings) {
    // Stage and complete in one transaction: lock (with the time), decide, write the artifact row
    // already published (or drop what the run staged, when a cancel wins), write the job.
    return fenced(
        id,
        runId,
        "complete",
        (c, job, now) -> {
          JobTransitions.checkFence(job, runId);
          StagedArtifact staged = artifacts.describe(id, runId, markdownUtf8);
          ArtifactManifest built = manifest.apply(staged, now);
          JobTransitions.checkManifest(id, runId, staged, built);
          JobSnapshot done = JobTransitions.complete(job, now, runId, built, phaseTimings);
          if (done.state() == JobState.CANCELED) {
            artifacts.discardRun(c, runId);
          } else {
            artifacts.write(c, staged, markdownUtf8, true);
          }
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
        runId,
        "fail",
        (c, job, now) -> {
          JobSnapshot next = JobTransitions.fail(job, now, runId, error, backoff, phaseTimings);
          artifacts.discardRun(c, runId);
          notifyIfQueued(c, next);
          return next;
        });
  }

  @Override
  public JobSnapshot release(JobId id, String runId) {
    return fenced(
        id,
        runId,
        "release",
        (c, job, now) -> {
          JobSnapshot next = JobTransitions.release(job, now, runId);
          artifacts.discardRun(c, runId);
          notifyIfQueued(c, next);
          return next;
        });
  }

  @Override
  public JobSnapshot markCanceled(JobId id, String runId) {
    return fenced(
        id,
        runId,
        "cancel",
        (c, job, now) -> {
          JobSnapshot next = JobTransitions.markCanceled(job, now, runId);
          artifacts.discardRun(c, runId);
          return next;
        });
  }

  @Override
  public JobSnapshot cancel(JobId id) {
    return sql.tx(
        "cancel job " + id,
        c -> {
          Rows.Locked locked =
              rows.lockTimed(c, id).orElseThrow(() -> new JobNotFoundException(id.value()));
          JobSnapshot job = locked.job();
          Optional<JobSnapshot> next = JobTransitions.cancel(job, locked.now());
          if (next.isEmpty()) {
            return job;
          }
          if (!rows.update(c, next.get(), job.state().name(), job.runId())) {
            throw new IllegalStateException("locked row " + id + " changed");
          }
          return next.get();
        });
  }

  @Override
  public List<JobSnapshot> reap(Duration staleAfter) {
    // In batches, so that a reap after a long outage holds no lock on thousands of rows at once.
    List<JobSnapshot> reaped = new ArrayList<>();
    int batch;
    do {
      List<JobSnapshot> some = sql.tx("reap", c -> reapBatch(c, staleAfter));
      reaped.addAll(some);
      batch = some.size();
    } while (batch == REAP_BATCH_SIZE);
    return reaped;
  }

  private List<JobSnapshot> reapBatch(Connection c, Duration staleAfter) throws SQLException {
    Instant now = sql.now(c);
    List<JobSnapshot> reaped = new ArrayList<>();
    // The SQL only preselects; JobTransitions decides each row, under its lock.
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + Rows.RECORD
                + " FROM "
                + sql.table("jobs")
                + " WHERE state = 'RUNNING' AND heartbeat_at"
                + " + greatest(?, coalesce(stale_after_ms, 0)) * interval '1 millisecond'"
                + " < ? ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED")) {
      ps.setLong(1, staleAfter.toMillis());
      ps.setObject(2, Sql.ts(now));
      ps.setInt(3, REAP_BATCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JobSnapshot job = rows.decode(rs);
          Optional<JobSnapshot> next = JobTransitions.reap(job, now, staleAfter);
          if (next.isEmpty()) {
            continue;
          }
          LOG.warn(
              "reaping job {} run {}: last heartbeat {}", job.id(), job.runId(), job.heartbeatAt());
          if (!rows.update(c, next.get(), JobState.RUNNING.name(), job.runId())) {
            throw new IllegalStateException("locked row " + job.id() + " changed");
          }
          artifacts.discardRun(c, job.runId());
          notifyIfQueued(c, next.get());
          reaped.add(next.get());
        }
      }
    }
    return reaped;
  }

  @Override
  public JobPage list(PageRequest page) {
    return reads.list(page);
  }

  @Override
  public Map<JobState, Long> counts() {
    return reads.counts();
  }

  @Override
  public JobTotals totals() {
    return reads.totals();
  }

  @Override
  public List<JobSnapshot> runningJobs() {
    return reads.runningJobs();
  }

  @Override
  public boolean idle() {
    return reads.idle();
  }

  @Override
  public byte[] readArtifact(ArtifactManifest manifest) {
    return sql.read(
        "read artifact of job " + manifest.jobId(), c -> artifacts.readVerified(c, manifest));
  }

  @Override
  public InputStream openSource(JobSnapshot job) {
    return sources
        .open(job.source().sha256())
        .orElseGet(() -> PostgresJobStore.super.openSource(job));
  }

  @Override
  public Subscription onWorkAvailable(Runnable listener) {
    return wakeups.subscribe(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public long purge(Duration olderThan) {
    return purge(olderThan, EnumSet.of(JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELED));
  }

  @Override
  public long purge(Duration olderThan, Set<JobState> states) {
    return retention.purge(olderThan, states, describe());
  }

  /** Wakes the listening workers of every process at commit when a transition queued the job. */
  private void notifyIfQueued(Connection c, JobSnapshot next) throws SQLException {
    if (next.state() != JobState.QUEUED) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, '')")) {
      ps.setString(1, wakeups.channel());
      ps.execute();
    }
  }

  @Override
  public VerifyReport verify() {
    return reads.verify();
  }

  @Override
  public Set<JobId> integrityViolations() {
    return artifacts.integrityViolations();
  }

  @Override
  public void close() {
    // Only the listener holds a connection between calls; the data source is the caller's unless
    // it handed it over.
    wakeups.close();
    if (closing != null) {
      try {
        closing.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", describe(), e.toString());
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** A run's transition, decided on the locked row at the store's time. */
  private interface Transition {
    JobSnapshot apply(Connection c, JobSnapshot current, Instant now)
        throws SQLException, IOException;
  }

  /**
   * Locks the job's row, decides with the transition (which checks T and F first) and writes the
   * result guarded by the run id, all in one transaction.
   */
  private JobSnapshot fenced(JobId id, String runId, String what, Transition transition) {
    return sql.tx(
        what + " job " + id,
        c -> {
          Rows.Locked locked =
              rows.lockTimed(c, id).orElseThrow(() -> new JobNotFoundException(id.value()));
          JobSnapshot next = transition.apply(c, locked.job(), locked.now());
          if (!rows.update(c, next, JobState.RUNNING.name(), runId)) {
            // Under the row lock the transition already checked the fence; say what changed.
            JobTransitions.checkFence(rows.read(c, id).orElseThrow(), runId);
            throw new IllegalStateException("locked row " + id + " changed");
          }
          return next;
        });
  }
}
