package org.convertalot.store.postgres.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.convertalot.core.store.JobStore;
import org.convertalot.core.store.spi.Hashing;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes idle workers when a job becomes claimable anywhere: the transitions that queue a job send
 * {@code NOTIFY} on the schema's channel in their own transaction (delivered at commit), and one
 * thread per store listens on one connection of its own and calls the subscribers.
 *
 * <p>Guarantees: a notification wakes every subscriber of every store on the schema, in any JVM;
 * each time the thread starts listening (first, and on another connection after one was lost) it
 * wakes the subscribers, since jobs may have been queued unheard; the thread runs only while there
 * are subscribers and ends when the last one leaves or the store closes. Polling stays the fallback
 * (and the only way for a job whose retry time comes), so a lost notification delays a job by at
 * most one poll interval.
 */
final class Wakeups {
  private static final Logger LOG = LoggerFactory.getLogger(Wakeups.class);

  /** How long one wait for notifications blocks before the thread checks whether to stop. */
  private static final int LISTEN_WAIT_MILLIS = 500;

  /** How long the thread waits before listening again after the connection failed. */
  private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final String channel;
  private final String schema;
  private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
  private volatile Thread listener;
  private boolean closed;

  Wakeups(DataSource dataSource, String schema) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.channel = channelOf(schema);
  }

  /**
   * The schema's channel: a fixed-length identifier, since a channel name is at most 63 bytes and a
   * schema's name may be as long.
   */
  static String channelOf(String schema) {
    byte[] digest = Hashing.sha256().digest(schema.getBytes(StandardCharsets.UTF_8));
    return "convertalot_" + Hashing.hex(digest).substring(0, 16);
  }

  /** The channel's name, for {@code pg_notify(channel, '')} in the statements that queue a job. */
  String channel() {
    return channel;
  }

  synchronized JobStore.Subscription subscribe(Runnable subscriber) {
    if (closed) {
      return () -> {};
    }
    subscribers.add(subscriber);
    if (listener == null) {
      listener = new Thread(this::listen, "convertalot-pg-listen-" + schema);
      listener.setDaemon(true);
      listener.start();
    }
    return () -> unsubscribe(subscriber);
  }

  private void unsubscribe(Runnable subscriber) {
    Thread stopped = null;
    synchronized (this) {
      subscribers.remove(subscriber);
      if (subscribers.isEmpty()) {
        stopped = listener;
        listener = null;
      }
    }
    join(stopped);
  }

  void close() {
    Thread stopped;
    synchronized (this) {
      closed = true;
      subscribers.clear();
      stopped = listener;
      listener = null;
    }
    join(stopped);
  }

  /** Waits for a listener told to stop (outside the lock, which it does not need to end). */
  private static void join(Thread t) {
    if (t != null) {
      t.interrupt();
      try {
        t.join(Duration.ofSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean running() {
    return listener == Thread.currentThread();
  }

  private void listen() {
    boolean failedBefore = false;
    while (running()) {
      try (Connection c = dataSource.getConnection()) {
        if (!c.isWrapperFor(PGConnection.class)) {
          LOG.warn(
              "the data source of postgres schema {} does not give PostgreSQL driver connections;"
                  + " workers poll for new jobs",
              schema);
          return;
        }
        c.setAutoCommit(true);
        PGConnection pg = c.unwrap(PGConnection.class);
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + channel);
        }
        if (failedBefore) {
          LOG.info("listening for new jobs in postgres schema {} again", schema);
          failedBefore = false;
        }
        // Jobs queued before this connection listened were heard by nobody.
        wakeAll();
        while (running()) {
          PGNotification[] got = pg.getNotifications(LISTEN_WAIT_MILLIS);
          if (got != null && got.length > 0) {
            wakeAll();
          }
        }
        try (Statement st = c.createStatement()) {
          st.execute("UNLISTEN " + channel);
        }
      } catch (SQLException e) {
        if (!running()) {
          return;
        }
        if (!failedBefore) {
          LOG.warn(
              "lost the connection that listens for new jobs in postgres schema {} ({}); workers"
                  + " poll until it is back",
              schema,
              e.getMessage());
          failedBefore = true;
        }
        try {
          Thread.sleep(RECONNECT_DELAY.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  private void wakeAll() {
    for (Runnable subscriber : subscribers) {
      try {
        subscriber.run();
      } catch (RuntimeException e) {
        LOG.warn("a wake-up subscriber failed: {}", e.toString());
      }
    }
  }
}
