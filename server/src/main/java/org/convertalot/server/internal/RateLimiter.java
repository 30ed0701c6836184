package org.convertalot.server.internal;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per API key: each key may make {@code perSecond} requests a second on average and
 * {@code burst} at once. Buckets are kept by the key's digest, never the key. Time comes from the
 * server's clock, so tests drive it instead of sleeping.
 */
final class RateLimiter {

  private static final class Bucket {
    double tokens;
    long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }
  }

  private final double perSecond;
  private final double burst;
  private final Clock clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * The limiter.
   *
   * @param perSecond the sustained rate; 0 for no limit
   * @param burst the most requests at once
   * @param clock the clock
   */
  RateLimiter(double perSecond, double burst, Clock clock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
  }

  /** Whether the key may make a request now; takes a token when it may. */
  boolean allow(String keyDigest) {
    if (perSecond <= 0) {
      return true;
    }
    long now = clock.millis();
    Bucket bucket = buckets.computeIfAbsent(keyDigest, k -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) / 1000.0 * perSecond);
      bucket.at = now;
      if (bucket.tokens < 1) {
        return false;
      }
      bucket.tokens -= 1;
      return true;
    }
  }

  /** Seconds until the key has a token again, at least 1. */
  long retryAfterSeconds() {
    return Math.max(1, (long) Math.ceil(1 / Math.max(perSecond, 1e-9)));
  }
}
