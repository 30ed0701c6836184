package org.convertalot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.convertalot.api.ConversionRuntime;
import org.convertalot.api.JobListener;
import org.convertalot.api.JobSnapshot;
import org.convertalot.core.ConvertALot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code convertalot worker}: runs workers on a data root or a PostgreSQL schema. Several worker
 * processes may share a store (on a schema, from many machines); each job is run by one of them at
 * a time, and a worker killed mid-job has its job taken back by the others' reaper.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "worker",
    description = {
      "Runs conversion workers on a data root or PostgreSQL schema until stopped (Ctrl-C or"
          + " SIGTERM hand running jobs back), or with --until-idle until no job is queued or"
          + " running."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped, or idle with --until-idle",
      "1:a runtime or store error",
      "2:usage error"
    })
final class WorkerCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @ParentCommand private Main parent;
  @Mixin private DataRootOptions root;
  @Mixin private DoclingCliOptions docling;

  @Mixin private PasswordOptions passwords;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Worker threads, 1 to 1024 (default: one per processor).")
  private Integer workers;

  @Option(names = "--until-idle", description = "Exit 0 once no job is queued or running.")
  private boolean untilIdle;

  @Option(
      names = "--heartbeat-ms",
      paramLabel = "MS",
      description = "Heartbeat interval of running jobs (default: 5000).")
  private Long heartbeatMillis;

  @Option(
      names = "--stale-after-ms",
      paramLabel = "MS",
      description = "Silence after which a running job is taken back (default: 30000).")
  private Long staleAfterMillis;

  @Option(
      names = "--reaper-interval-ms",
      paramLabel = "MS",
      description = "How often this worker looks for dead runs (default: 10000).")
  private Long reaperMillis;

  @Option(names = "--quiet", description = "Do not print a line per finished job.")
  private boolean quiet;

  @Option(
      names = "--json",
      description =
          "When the worker stops, print the jobs it ended (id, state, error code, file) as one JSON"
              + " object.")
  private boolean json;

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Integer call() {
    StoreTarget target = root.resolve(spec);
    PrintWriter err = spec.commandLine().getErr();
    ConvertALot.Builder builder;
    try {
      builder = docling.applyTo(passwords.applyTo(ConvertALot.builder()));
    } catch (UsageError e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    int threads = workers != null ? workers : ConvertALot.defaultWorkers();
    try {
      builder.workers(threads);
      if (heartbeatMillis != null) {
        builder.heartbeatInterval(Duration.ofMillis(heartbeatMillis));
      }
      if (staleAfterMillis != null) {
        builder.staleAfter(Duration.ofMillis(staleAfterMillis));
      }
      if (reaperMillis != null) {
        builder.reaperInterval(Duration.ofMillis(reaperMillis));
      }
    } catch (org.convertalot.api.error.ConfigurationException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!quiet) {
      builder.listener(new EndPrinter(err));
    }
    EndedJobs ended = new EndedJobs();
    if (json) {
      builder.listener(ended);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    try (OpenedStore store = target.open(threads);
        ConversionRuntime runtime = buildOrUsageError(store.applyTo(builder))) {
      Thread hook =
          new Thread(
              () -> {
                runtime.close();
                stopped.countDown();
                // A stop asked for by a signal is this command's normal end: once the jobs are
                // handed back and the summary printed, exit 0, not the signal's 128 + n.
                awaitQuietly(finished);
                err.println("worker: stopped; running jobs were handed back to the queue");
                err.flush();
                Runtime.getRuntime().halt(0);
              },
              "convertalot-worker-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      err.println(
          "worker: "
              + threads
              + (threads == 1 ? " thread" : " threads")
              + " on "
              + target.describe()
              + (untilIdle
                  ? "; stops when no job is queued or running"
                  : "; Ctrl-C or SIGTERM stops it, handing running jobs back"));
      err.flush();
      try {
        boolean idleShown = false;
        while (true) {
          if (!untilIdle && stopped.await(1, TimeUnit.SECONDS)) {
            break;
          }
          boolean idle = runtime.awaitIdle(untilIdle ? Duration.ofSeconds(1) : Duration.ZERO);
          if (idle && !idleShown) {
            err.println("worker: idle, no job queued or running");
            err.flush();
          }
          idleShown = idle;
          if (untilIdle && idle) {
            // Another process may still have been running jobs; its reaper or ours settled them.
            break;
          }
        }
        if (json) {
          PrintWriter out = spec.commandLine().getOut();
          out.println(target.secrets().scrub(ended.summary(target)));
          out.flush();
        }
        return 0;
      } catch (RuntimeException e) {
        if (stopped.getCount() == 0) {
          // The hook closed the runtime while this thread asked it whether it is idle.
          return 0;
        }
        throw e;
      } finally {
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running: it closes the runtime.
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Errors.report(err, e, parent != null && parent.verbose(), target.secrets());
    } catch (ParameterException e) {
      throw e;
    } catch (RuntimeException e) {
      return Errors.report(err, e, parent != null && parent.verbose(), target.secrets());
    }
  }

  private ConversionRuntime buildOrUsageError(ConvertALot.Builder builder) {
    try {
      return builder.build();
    } catch (org.convertalot.api.error.ConfigurationException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The jobs this worker ends, for {@code --json}. */
  private static final class EndedJobs implements JobListener {
    private final ArrayNode jobs = JsonOutput.array();
    private final Map<String, Integer> counts = new TreeMap<>();

    @Override
    public synchronized void onStateChange(JobSnapshot job) {
      if (!job.state().isTerminal()) {
        return;
      }
      ObjectNode j = jobs.addObject();
      j.put("job_id", job.id().value());
      j.put("state", job.state().name());
      j.put("file", job.source().path());
      if (job.error() != null) {
        j.put("error_code", job.error().code().code());
      }
      counts.merge(job.state().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
    }

    synchronized String summary(StoreTarget target) {
      ObjectNode summary = JsonOutput.object();
      ObjectNode byState = summary.putObject("ended");
      counts.forEach(byState::put);
      summary.set("jobs", jobs.deepCopy());
      target.describeIn(summary);
      return JsonOutput.write(summary);
    }
  }

  /** One line per job this worker ends. */
  private static final class EndPrinter implements JobListener {
    private final PrintWriter err;

    EndPrinter(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void onStateChange(JobSnapshot job) {
      if (!job.state().isTerminal() && job.error() == null) {
        return;
      }
      String what =
          job.error() == null
              ? job.state().name().toLowerCase(java.util.Locale.ROOT)
              : job.state().name().toLowerCase(java.util.Locale.ROOT)
                  + " "
                  + job.error().code().code();
      String warnings = job.warnings().isEmpty() ? "" : "  " + WarningText.brief(job.warnings());
      if (job.manifest() != null && job.manifest().fallbackReason() != null) {
        warnings += "  ran on CPU: " + job.manifest().fallbackReason();
      }
      synchronized (err) {
        err.println(what + "  " + job.id() + "  " + job.source().name() + warnings);
        err.flush();
      }
    }
  }
}
