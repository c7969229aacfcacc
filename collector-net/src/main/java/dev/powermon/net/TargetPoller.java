package dev.powermon.net;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.StateLog;
import dev.powermon.api.TargetNotAllowedException;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Polls every target of a networked collector in the background on a bounded pool, all at once, and
 * keeps the latest outcome per target for {@code collect()}, so a scrape never waits on the
 * network. A cycle does not start while the previous one runs, so a slow fleet cannot pile up work;
 * a dead target costs one thread for at most its poll's own deadline. Each good poll's power goes
 * to the core through {@code feed}; a target that fails has its devices' power withdrawn until it
 * answers again, and its state changes are logged once.
 *
 * @param <R> what one successful poll of a target yields
 */
public final class TargetPoller<R> implements AutoCloseable {

  /** Polls one target within its own deadline. */
  @FunctionalInterface
  public interface Poll<R> {
    R poll(HostPort target) throws IOException;
  }

  /** Hands one reading of {@code target} to the core; returns the {@code device} labels it fed. */
  @FunctionalInterface
  public interface Feed<R> {
    Set<String> feed(HostPort target, R reading, long epochMillis);
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

  private final String name;
  private final Poll<R> poll;
  private final Feed<R> feed;
  private final PowerReadings readings;
  private final Clock clock;
  private final StateLog log;
  private final ThreadPoolExecutor pool;
  private final Map<String, HostPort> targets = new ConcurrentSkipListMap<>();
  private final Map<String, Outcome<R>> outcomes = new ConcurrentSkipListMap<>();
  private final Map<String, Set<String>> devicesByTarget = new ConcurrentHashMap<>();
  private final AtomicReference<CompletableFuture<Void>> running = new AtomicReference<>();
  private ScheduledFuture<?> schedule;

  /** {@code name} is the collector's: it names the pool's threads and the probe's refusals. */
  public TargetPoller(
      String name,
      int threads,
      CollectorContext context,
      PowerReadings readings,
      Poll<R> poll,
      Feed<R> feed) {
    this.name = name;
    this.poll = poll;
    this.feed = feed;
    this.readings = readings;
    this.clock = context.clock();
    this.log = new StateLog(context.logger());
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
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

  /** Takes a first cycle (each target bounded by its deadline), then one every {@code interval}. */
  public void start(java.util.concurrent.ScheduledExecutorService scheduler, Duration interval) {
    pollAll().join();
    long millis = interval.toMillis();
    schedule =
        scheduler.scheduleWithFixedDelay(this::pollAll, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts a cycle unless one is running; the future completes when every target answered or
   * failed.
   */
  public CompletableFuture<Void> pollAll() {
    CompletableFuture<Void> cycle = new CompletableFuture<>();
    CompletableFuture<Void> previous = running.get();
    if (previous != null && !previous.isDone() || !running.compareAndSet(previous, cycle)) {
      return running.get();
    }
    List<CompletableFuture<?>> polls = new ArrayList<>();
    for (HostPort target : targets.values()) {
      polls.add(
          CompletableFuture.runAsync(
              () -> outcomes.put(target.label(), pollAndFeed(target)), pool));
    }
    CompletableFuture.allOf(polls.toArray(new CompletableFuture<?>[0]))
        .whenComplete((ok, error) -> cycle.complete(null));
    return cycle;
  }

  private Outcome<R> pollAndFeed(HostPort target) {
    Outcome<R> outcome = attempt(target);
    Set<String> before;
    if (outcome.ok()) {
      log.ok(target.label(), "answers again");
      Set<String> fed = Set.copyOf(feed.feed(target, outcome.reading(), outcome.epochMillis()));
      before = devicesByTarget.put(target.label(), fed);
      if (before != null) {
        before.stream().filter(d -> !fed.contains(d)).forEach(readings::forget);
      }
    } else {
      log.failing(target.label(), outcome.error());
      before = devicesByTarget.remove(target.label());
      if (before != null) {
        before.forEach(readings::forget);
      }
    }
    return outcome;
  }

  /**
   * Polls {@code text} now on the caller's thread, for {@code /probe}: allowed for configured
   * targets and for addresses in {@code allow}. A configured target's poll is a poll like any other
   * (its power reaches the core, which answers it on {@code /probe} too, and its outcome is kept);
   * another address's is answered alone, so a one-off probe leaves no series behind in {@code
   * /metrics}.
   */
  public Outcome<R> probe(String text, int defaultPort, ProbeAllowList allow)
      throws TargetNotAllowedException {
    HostPort target;
    try {
      target = HostPort.parse(text, defaultPort);
    } catch (IllegalArgumentException e) {
      throw new TargetNotAllowedException(e.getMessage());
    }
    if (targets.containsKey(target.label())) {
      Outcome<R> outcome = pollAndFeed(target);
      outcomes.put(target.label(), outcome);
      return outcome;
    }
    Set<Integer> ports = new TreeSet<>(List.of(defaultPort));
    targets.values().forEach(t -> ports.add(t.port()));
    target =
        allow.admit(
            target,
            ports,
            "'"
                + target.label()
                + "' is neither a configured "
                + name
                + " target nor in collectors."
                + name
                + ".probe-allow on port "
                + ports.stream().map(String::valueOf).collect(Collectors.joining(" or ")));
    return attempt(target);
  }

  private Outcome<R> attempt(HostPort target) {
    try {
      return new Outcome<>(target, poll.poll(target), null, clock.millis());
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      return new Outcome<>(target, null, message, clock.millis());
    }
  }

  /**
   * Every target's series from its latest outcome, through {@code add}, checked against {@code
   * declared}.
   */
  public MetricSnapshots snapshots(
      List<MetricSpec> declared, BiConsumer<Families, Outcome<R>> add) {
    Families out = new Families(declared);
    outcomes().forEach(outcome -> add.accept(out, outcome));
    return out.snapshots();
  }

  /** {@link #probe} rendered as {@link #snapshots} renders a kept outcome. */
  public MetricSnapshots probeSnapshots(
      String target,
      int defaultPort,
      ProbeAllowList allow,
      List<MetricSpec> declared,
      BiConsumer<Families, Outcome<R>> add)
      throws TargetNotAllowedException {
    Families out = new Families(declared);
    add.accept(out, probe(target, defaultPort, allow));
    return out.snapshots();
  }

  /**
   * The {@code powermon probe} lines: {@code lines} for each target that answered, and {@code
   * HOST:PORT unreachable: why} for each that did not.
   */
  public List<String> summary(Function<Outcome<R>, List<String>> lines) {
    List<String> out = new ArrayList<>();
    for (Outcome<R> outcome : outcomes()) {
      if (outcome.ok()) {
        out.addAll(lines.apply(outcome));
      } else {
        out.add(outcome.target().label() + "  unreachable: " + outcome.error());
      }
    }
    return out;
  }

  /** Every target's latest outcome, ordered by target; a target not yet polled has none. */
  public List<Outcome<R>> outcomes() {
    return new ArrayList<>(outcomes.values());
  }

  @Override
  public void close() {
    if (schedule != null) {
      schedule.cancel(false);
    }
    pool.shutdownNow();
  }
}
