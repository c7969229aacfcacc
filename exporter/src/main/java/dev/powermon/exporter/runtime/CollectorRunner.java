package dev.powermon.exporter.runtime;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.StateLog;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLogger;

/**
 * Runs one collector: opens it (retrying after a failure), calls collect() under its deadline with
 * at most one call in flight (a hung device never piles up threads), and remembers the last outcome
 * for the landing page. Failures are logged when the state changes, not at every scrape.
 */
public final class CollectorRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CollectorRunner.class);
  static final Duration REOPEN_AFTER = Duration.ofSeconds(30);

  /** Sampling intervals without a reading after which a background collector is stale. */
  static final int STALE_AFTER_INTERVALS = 3;

  private final CollectorPlan plan;
  private final CollectorContext context;
  private final ExecutorService executor;
  private final Function<String, Long> lastReading;
  private final Clock clock;

  private Collector collector;
  private Future<Collector> opening;
  private long lastOpenFailureNanos;
  private Future<MetricSnapshots> inFlight;
  private long inFlightStartNanos;
  private volatile String lastError = "starting";
  private volatile Instant lastSuccess;

  /**
   * Decides when the state changed (a message differing only in its numbers, "3 bad lines" then "4
   * bad lines", is the same state); the line itself is logged here, with the collector as a key.
   */
  private final StateLog states = new StateLog(NOPLogger.NOP_LOGGER);

  private volatile long openedMillis;

  /**
   * @param lastReading when the core last received a power reading from a collector (by name), in
   *     epoch milliseconds, or null if never: what staleness is judged by
   */
  public CollectorRunner(
      CollectorPlan plan,
      CollectorContext context,
      ExecutorService executor,
      Function<String, Long> lastReading,
      Clock clock) {
    this.plan = plan;
    this.context = context;
    this.executor = executor;
    this.lastReading = lastReading;
    this.clock = clock;
  }

  public CollectorPlan plan() {
    return plan;
  }

  public String name() {
    return plan.name();
  }

  /** Starts opening the collector in the background. */
  public synchronized void start() {
    opening = executor.submit(this::open);
  }

  /**
   * Opens the collector. A named collector was not probed when selected: its probe runs first, so
   * one that cannot run here fails with the probe's hint (what to do) rather than whatever open()
   * trips over.
   */
  private Collector open() throws Exception {
    if (plan.named()) {
      ProbeResult probe = plan.provider().probe(context);
      if (!probe.isAvailable()) {
        throw new CollectorFailure(probe.detail());
      }
    }
    Collector opened = plan.provider().open(context);
    openedMillis = clock.millis();
    return opened;
  }

  /** Waits up to {@code timeout} for the collector to open, for {@code powermon probe}. */
  public void awaitOpen(Duration timeout) {
    Future<Collector> pending;
    synchronized (this) {
      pending = opening;
    }
    if (pending != null) {
      try {
        pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        // reported by the next begin()
      }
    }
  }

  /** Starts one collection; the caller waits on it with {@link #finish}. */
  public synchronized Future<MetricSnapshots> begin() {
    if (collector == null && !takeOpened()) {
      return CompletableFuture.failedFuture(new CollectorFailure(lastError));
    }
    if (inFlight != null && !inFlight.isDone()) {
      // A scrape and a push may overlap: the later one shares the call under way, unless that call
      // has
      // outlived its deadline, which means the source hangs.
      if (System.nanoTime() - inFlightStartNanos < plan.deadline().toNanos()) {
        return inFlight;
      }
      return CompletableFuture.failedFuture(
          new CollectorFailure(
              "the previous collection is still running; the source is not answering"));
    }
    Collector opened = collector;
    inFlightStartNanos = System.nanoTime();
    inFlight = executor.submit(opened::collect);
    return inFlight;
  }

  /**
   * Waits for {@code pending} until {@code deadlineNanos} (System.nanoTime) and records the
   * outcome.
   */
  public CollectionResult finish(
      Future<MetricSnapshots> pending, long startNanos, long deadlineNanos) {
    String error;
    MetricSnapshots snapshots = null;
    try {
      long waitNanos = Math.max(0, deadlineNanos - System.nanoTime());
      snapshots = pending.get(waitNanos, TimeUnit.NANOSECONDS);
      error = snapshots == null ? "the collector returned nothing" : null;
    } catch (TimeoutException e) {
      error =
          "no answer within the "
              + plan.deadline().toMillis()
              + " ms deadline (collectors."
              + name()
              + ".deadline)";
    } catch (ExecutionException e) {
      error = message(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    if (error == null) {
      error = staleness();
    }
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    record(error);
    return new CollectionResult(name(), error == null ? snapshots : null, seconds, error);
  }

  /**
   * Why a collector that samples in the background must not be served now: no reading for more than
   * {@link #STALE_AFTER_INTERVALS} of its sampling intervals. Null when it is fresh or reads at
   * scrape time.
   */
  private String staleness() {
    Collector opened;
    long since;
    synchronized (this) {
      opened = collector;
      since = openedMillis;
    }
    Optional<Duration> interval = opened == null ? Optional.empty() : opened.samplingInterval();
    if (interval.isEmpty()) {
      return null;
    }
    Long last = lastReading.apply(name());
    if (last != null) {
      since = Math.max(since, last);
    }
    if (clock.millis() - since <= STALE_AFTER_INTERVALS * interval.get().toMillis()) {
      return null;
    }
    return "no fresh reading since "
        + Instant.ofEpochMilli(since)
        + " (the sampler reads every "
        + interval.get().toMillis()
        + " ms); its power is not served until it reads again";
  }

  /**
   * How long a collection of this collector stays current: its refresh interval, or zero when it
   * reads at scrape time; empty while it is not open.
   */
  public synchronized Optional<Duration> reuseWindow() {
    if (collector == null) {
      return Optional.empty();
    }
    return Optional.of(collector.refreshInterval().orElse(Duration.ZERO));
  }

  /** The last error, or null when the last collection succeeded. */
  public String lastError() {
    return lastError;
  }

  /** When the collector last succeeded, or null. */
  public Instant lastSuccess() {
    return lastSuccess;
  }

  /** The opened collector's summary lines, empty when not open. */
  public synchronized List<String> summary() {
    return collector == null ? List.of() : collector.summary();
  }

  /**
   * The opened collector, when it is open; for multi-target probes, which may come before any
   * scrape has taken the result of the open.
   */
  public synchronized Collector opened() {
    if (collector == null) {
      takeOpened();
    }
    return collector;
  }

  @Override
  public synchronized void close() {
    if (opening != null) {
      opening.cancel(true);
    }
    if (collector != null) {
      try {
        collector.close();
      } catch (RuntimeException e) {
        LOG.warn("collector {} failed to close cleanly: {}", name(), e.toString());
      }
      collector = null;
    }
  }

  /**
   * Takes the result of a finished open; starts a new attempt when the last failed long enough ago.
   */
  private boolean takeOpened() {
    if (opening != null && opening.isDone()) {
      try {
        collector = opening.get();
        opening = null;
        return true;
      } catch (ExecutionException e) {
        lastError = "cannot start: " + message(e.getCause());
      } catch (Exception e) {
        lastError = "cannot start: " + e;
      }
      opening = null;
      lastOpenFailureNanos = System.nanoTime();
      record(lastError);
      return false;
    }
    if (opening == null && System.nanoTime() - lastOpenFailureNanos > REOPEN_AFTER.toNanos()) {
      opening = executor.submit(this::open);
    }
    return false;
  }

  private synchronized void record(String error) {
    if (error == null) {
      if (states.ok(name(), "")) {
        LOG.atInfo().addKeyValue("collector", name()).log("collector recovered");
      }
      lastSuccess = Instant.now();
      lastError = null;
      return;
    }
    if (states.failing(name(), error)) {
      LOG.atWarn().addKeyValue("collector", name()).log("collector failing: {}", error);
    }
    lastError = error;
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  /** A collection that did not run; its message is the reason. */
  static final class CollectorFailure extends Exception {
    CollectorFailure(String message) {
      super(message, null, false, false);
    }
  }
}
