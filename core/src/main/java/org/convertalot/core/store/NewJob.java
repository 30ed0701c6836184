package org.convertalot.core.store;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.convertalot.api.JobSnapshot;
import org.convertalot.api.Limits;
import org.convertalot.api.PageSelection;
import org.convertalot.api.Policy;
import org.convertalot.api.SourceRef;
import org.convertalot.core.store.spi.Hashing;

/**
 * A job to enqueue, as handed to {@link JobStore#submit(NewJob)}: the request part of a job.
 *
 * @param source the input with its hash
 * @param policy the policy
 * @param engineHint the requested engine, or {@code null}
 * @param options the engine options
 * @param limits the limits
 * @param maxAttempts the most claims before a retryable failure becomes final
 * @param pages the pages to convert
 */
public record NewJob(
    SourceRef source,
    Policy policy,
    String engineHint,
    Map<String, String> options,
    Limits limits,
    int maxAttempts,
    PageSelection pages) {

  /**
   * Validates and copies the fields.
   *
   * @param source the input with its hash
   * @param policy the policy
   * @param engineHint the requested engine, or {@code null}
   * @param options the engine options
   * @param limits the limits
   * @param maxAttempts the most claims before a retryable failure becomes final
   * @param pages the pages to convert, or {@code null} for {@link PageSelection#ALL}
   */
  public NewJob {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(policy, "policy");
    options = options == null ? Map.of() : Map.copyOf(options);
    Objects.requireNonNull(limits, "limits");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    pages = pages == null ? PageSelection.ALL : pages;
  }

  /**
   * A job of every page.
   *
   * @param source the input with its hash
   * @param policy the policy
   * @param engineHint the requested engine, or {@code null}
   * @param options the engine options
   * @param limits the limits
   * @param maxAttempts the most claims before a retryable failure becomes final
   */
  public NewJob(
      SourceRef source,
      Policy policy,
      String engineHint,
      Map<String, String> options,
      Limits limits,
      int maxAttempts) {
    this(source, policy, engineHint, options, limits, maxAttempts, PageSelection.ALL);
  }

  /**
   * The request part of a stored job, so that a store can compute a stored job's {@link
   * #idempotencyKey()} with the same code that keyed it at submit.
   *
   * @param job a stored job
   * @return the request it was submitted with
   */
  public static NewJob from(JobSnapshot job) {
    return new NewJob(
        job.source(),
        job.policy(),
        job.engineHint(),
        job.options(),
        job.limits(),
        job.maxAttempts(),
        job.pages());
  }

  /**
   * The key under which submits deduplicate: lower-case hex SHA-256 over the source hash, policy,
   * engine hint, options, limits, attempt limit and page selection. The source path and name are
   * not part of it: the same bytes under another name are the same job. Stored by every data root;
   * changing a single character here would make existing roots stop deduplicating (so a job of
   * every page adds nothing for its selection, as before there were selections).
   *
   * @return 64 hex characters
   */
  public String idempotencyKey() {
    StringBuilder sb = new StringBuilder();
    sb.append("v1\n").append(source.sha256()).append('\n');
    sb.append(policy.code()).append('\n');
    sb.append(engineHint == null ? "" : engineHint).append('\n');
    // Length-prefixed so that no choice of keys and values can collide with another.
    new TreeMap<>(options)
        .forEach(
            (k, v) ->
                sb.append(k.length())
                    .append(':')
                    .append(k)
                    .append('=')
                    .append(v.length())
                    .append(':')
                    .append(v)
                    .append('\n'));
    sb.append(limits.maxBytes()).append('/').append(limits.maxPages()).append('/');
    sb.append(limits.deadline().toMillis()).append('/').append(maxAttempts);
    if (!pages.isAll()) {
      sb.append("\npages=").append(pages);
    }
    return Hashing.sha256Hex(sb.toString().getBytes(StandardCharsets.UTF_8));
  }
}
