package dev.powermon.net;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Polls every target of a networked collector on a bounded pool, all at once, and keeps the latest
 * outcome per target for {@code collect()}, so a scrape never waits on the network. A cycle does not
 * start while the previous one runs, so a slow fleet cannot pile up work; a dead target costs one
 * thread for at most its poll's own deadline.
 *
 * @param <R> what one successful poll of a target yields
 */
public final class TargetPoller<R> implements AutoCloseable {

  /** Polls one target within its own deadline. */
  @FunctionalInterface
  public interface Poll<R> {
    R poll(HostPort target) throws IOException;
  }

  /**
   * The latest outcome of one target: its reading, or the error that cost it.
   *
   * @param epochMillis when the poll finished
   */
  public record Outcome<R>(HostPort target, R reading, String error, long epochMillis) {
    public boolean ok() {
      return error == null;
    }
  }

  private final Poll<R> poll;
  private final Clock clock;
  private final ThreadPoolExecutor pool;
  private final Map<String, HostPort> targets = new ConcurrentSkipListMap<>();
  private final Map<String, Outcome<R>> outcomes = new ConcurrentSkipListMap<>();
  private final AtomicReference<CompletableFuture<Void>> running = new AtomicReference<>();

  /** {@code name} names the pool's threads ({@code nut-poll-1} …). */
  public TargetPoller(String name, int threads, Clock clock, Poll<R> poll) {
    this.poll = poll;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, name + "-poll-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
  }

  /** Starts polling {@code target} from the next cycle on. */
  public void add(HostPort target) {
    targets.putIfAbsent(target.label(), target);
  }

  /** Whether {@code label} ({@link HostPort#label()}) is one of the polled targets. */
  public boolean polls(String label) {
    return targets.containsKey(label);
  }

  /** Starts a cycle unless one is running; the future completes when every target answered or failed. */
  public CompletableFuture<Void> pollAll() {
    CompletableFuture<Void> cycle = new CompletableFuture<>();
    CompletableFuture<Void> previous = running.get();
    if (previous != null && !previous.isDone() || !running.compareAndSet(previous, cycle)) {
      return running.get();
    }
    List<CompletableFuture<?>> polls = new ArrayList<>();
    for (HostPort target : targets.values()) {
      polls.add(CompletableFuture.runAsync(() -> outcomes.put(target.label(), attempt(target)), pool));
    }
    CompletableFuture.allOf(polls.toArray(new CompletableFuture<?>[0])).whenComplete((ok, error) -> cycle.complete(null));
    return cycle;
  }

  /** Polls {@code target} now on the caller's thread (for {@code /probe}), without keeping the outcome. */
  public Outcome<R> attempt(HostPort target) {
    try {
      return new Outcome<>(target, poll.poll(target), null, clock.millis());
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      return new Outcome<>(target, null, message, clock.millis());
    }
  }

  /** Every target's latest outcome, ordered by target; a target not yet polled has none. */
  public List<Outcome<R>> outcomes() {
    return new ArrayList<>(outcomes.values());
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
