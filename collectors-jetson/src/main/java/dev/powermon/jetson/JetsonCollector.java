package dev.powermon.jetson;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.MeterClass;
import dev.powermon.api.StateLog;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An opened Jetson collector: rails sampled on the shared scheduler, tegrastats read on its own
 * thread, power handed to the core as readings, and scrapes answered from what both last saw.
 */
final class JetsonCollector implements Collector {
  /** How long open() waits for tegrastats' first line at most, so probe has data. */
  private static final Duration FIRST_LINE_WAIT = Duration.ofSeconds(5);

  /**
   * Tegrastats' temperatures and usage are withheld after three silent intervals, at least this
   * long so a loaded machine's jitter is not silence. Power staleness is the core's, judged by the
   * readings.
   */
  private static final Duration MIN_STALE = Duration.ofSeconds(3);

  private final CollectorContext ctx;
  private final JetsonState state;
  private final TegrastatsSource tegrastats;
  private final ScheduledFuture<?> sampler;
  private final String deviceType;
  private final Path executable;
  private final Duration interval;
  private final boolean seedFamilies;
  private final StateLog states;

  private JetsonCollector(
      CollectorContext ctx,
      JetsonState state,
      TegrastatsSource tegrastats,
      ScheduledFuture<?> sampler,
      Options options) {
    this.ctx = ctx;
    this.state = state;
    this.tegrastats = tegrastats;
    this.sampler = sampler;
    this.deviceType = options.deviceType();
    this.executable = options.executable();
    this.interval = options.interval();
    this.seedFamilies = options.seedFamilies();
    this.states = new StateLog(ctx.logger());
  }

  /** What the provider read from the settings. */
  record Options(Path executable, Duration interval, String deviceType, boolean seedFamilies) {}

  /**
   * Starts sampling {@code rails} (when it has any) and {@code tegrastats} (when not null), and
   * waits a bounded time for the first readings.
   */
  static JetsonCollector start(
      CollectorContext ctx, RailSource rails, TegrastatsSource tegrastats, Options options) {
    Duration interval = options.interval();
    Duration stale =
        interval.multipliedBy(3).compareTo(MIN_STALE) < 0 ? MIN_STALE : interval.multipliedBy(3);
    JetsonState state =
        new JetsonState(
            rails,
            ctx.powerReadings("jetson", MeterClass.COMPONENT),
            ctx.problems(),
            ctx.hostname(),
            ctx::nanoTime,
            ctx.clock(),
            stale.toNanos(),
            ctx.logger());
    ScheduledFuture<?> sampler = null;
    if (state.railsFromSysfs()) {
      state.sampleSysfs();
      sampler =
          ctx.scheduler()
              .scheduleAtFixedRate(
                  () -> sampleQuietly(ctx, state),
                  interval.toNanos(),
                  interval.toNanos(),
                  TimeUnit.NANOSECONDS);
    }
    if (tegrastats != null) {
      tegrastats.start(state);
      awaitFirstLine(state, interval);
    }
    return new JetsonCollector(ctx, state, tegrastats, sampler, options);
  }

  /**
   * A task that throws is never run again by a ScheduledExecutorService: keep the sampler alive.
   */
  private static void sampleQuietly(CollectorContext ctx, JetsonState state) {
    try {
      state.sampleSysfs();
    } catch (RuntimeException e) {
      ctx.logger().warn("INA sample failed unexpectedly: {}", e.toString());
    }
  }

  private static void awaitFirstLine(JetsonState state, Duration interval) {
    Duration wait = interval.multipliedBy(2).plusSeconds(1);
    long deadline =
        System.nanoTime()
            + (wait.compareTo(FIRST_LINE_WAIT) < 0 ? wait : FIRST_LINE_WAIT).toNanos();
    while (state.fresh().isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * While rails are read, the core holds the collector to its interval: past three intervals
   * without a rail reading it reports the collector failed and withholds its series. A tegrastats
   * that prints no rails (TX1) hands in no readings, so the collector judges that one itself
   * ({@link #collect}).
   */
  @Override
  public Optional<Duration> samplingInterval() {
    return state.readsRails() ? Optional.of(interval) : Optional.empty();
  }

  /**
   * The non-power series. Without rail readings, a tegrastats that has printed no good line within
   * the staleness bound fails the collection ("no fresh reading since …"); next to rail readings it
   * costs only its own series ({@code jetson_tegrastats_up 0}, logged once).
   */
  @Override
  public MetricSnapshots collect() throws IOException {
    Readings r = state.readings(tegrastats);
    if (tegrastats != null) {
      String key = executable + " output";
      if (r.sample().isPresent()) {
        states.ok(key, "printing readings again");
      } else if (!state.readsRails()) {
        throw new IOException(
            "no fresh reading since "
                + since()
                + ": "
                + executable
                + " has printed no good line"
                + " for "
                + Math.max(3, interval.multipliedBy(3).toSeconds())
                + "s (restarted "
                + tegrastats.restarts()
                + " times, dropped lines "
                + r.tegrastats().map(Readings.TegrastatsHealth::droppedLines).orElseThrow()
                + "); run it by hand to see why");
      } else {
        states.failing(
            key,
            "no good line since "
                + since()
                + "; temperatures, usage and clocks are left out until"
                + " it prints again");
      }
    }
    return JetsonFamilies.build(r, deviceType, ctx.hostname(), seedFamilies);
  }

  private String since() {
    return state.lastLine().map(Instant::toString).orElse("the collector started");
  }

  @Override
  public List<String> summary() {
    return Summary.lines(state.readings(tegrastats), deviceType, executable);
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.cancel(false);
    }
    if (tegrastats != null) {
      tegrastats.close();
    }
  }
}
