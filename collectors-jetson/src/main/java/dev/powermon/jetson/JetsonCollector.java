package dev.powermon.jetson;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An opened Jetson collector: INA rails sampled on the shared scheduler, tegrastats read on its own
 * thread, and scrapes answered from what both last saw.
 */
final class JetsonCollector implements Collector {
  /** How long open() waits for tegrastats' first line at most, so probe has data. */
  private static final Duration FIRST_LINE_WAIT = Duration.ofSeconds(5);
  /** Staleness bound: three intervals, at least this long so a loaded machine's jitter is not staleness. */
  private static final Duration MIN_STALE = Duration.ofSeconds(3);

  private final CollectorContext ctx;
  private final JetsonState state;
  private final TegrastatsProcess process;
  private final ScheduledFuture<?> sampler;
  private final String deviceType;
  private final Path tegrastats;
  private final Duration stale;
  private final boolean seedFamilies;
  private boolean tegrastatsSilent;

  private JetsonCollector(CollectorContext ctx, JetsonState state, TegrastatsProcess process, ScheduledFuture<?> sampler,
      String deviceType, Path tegrastats, Duration stale, boolean seedFamilies) {
    this.ctx = ctx;
    this.state = state;
    this.process = process;
    this.sampler = sampler;
    this.deviceType = deviceType;
    this.tegrastats = tegrastats;
    this.stale = stale;
    this.seedFamilies = seedFamilies;
  }

  /**
   * Starts sampling {@code rails} (when any) and running {@code tegrastats} (when not null), and waits a
   * bounded time for the first readings.
   */
  static JetsonCollector start(CollectorContext ctx, List<RailChannel> rails, Path tegrastats, Duration interval,
      String deviceType, boolean seedFamilies) {
    // stale after three missed intervals; gaps over five intervals are not integrated (see EnergyMeter)
    Duration stale = max(interval.multipliedBy(3), MIN_STALE);
    long maxGapNanos = max(interval.multipliedBy(5), MIN_STALE).toNanos();
    JetsonState state = new JetsonState(rails, new EnergyMeter(maxGapNanos), ctx::nanoTime, ctx.clock(),
        stale.toNanos(), ctx.logger());
    ScheduledFuture<?> sampler = null;
    if (state.railsFromSysfs()) {
      state.sampleSysfs();
      sampler = ctx.scheduler().scheduleAtFixedRate(
          () -> sampleQuietly(ctx, state), interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }
    TegrastatsProcess process = null;
    if (tegrastats != null) {
      process = new TegrastatsProcess(tegrastats, interval, state, ctx.logger());
      process.start();
      awaitFirstLine(state, interval);
    }
    return new JetsonCollector(ctx, state, process, sampler, deviceType, tegrastats, stale, seedFamilies);
  }

  /** A task that throws is never run again by a ScheduledExecutorService: keep the sampler alive. */
  private static void sampleQuietly(CollectorContext ctx, JetsonState state) {
    try {
      state.sampleSysfs();
    } catch (RuntimeException e) {
      ctx.logger().warn("INA sample failed unexpectedly: {}", e.toString());
    }
  }

  private static void awaitFirstLine(JetsonState state, Duration interval) {
    Duration wait = interval.multipliedBy(2).plusSeconds(1);
    long deadline = System.nanoTime() + (wait.compareTo(FIRST_LINE_WAIT) < 0 ? wait : FIRST_LINE_WAIT).toNanos();
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
   * The readings, or a failure when the rails' source has not read within the staleness bound: a silent
   * tegrastats or a stuck sampler must not serve its last power as current. When sysfs gives the power,
   * a silent tegrastats costs only its own series ({@code jetson_tegrastats_up 0}).
   */
  @Override
  public MetricSnapshots collect() throws IOException {
    Readings r = state.readings(process);
    if (!r.power().fresh()) {
      throw new IOException(notFresh(r));
    }
    logTegrastatsSilence(r);
    return JetsonMetrics.build(r, deviceType, ctx.hostname(), seedFamilies);
  }

  private String notFresh(Readings r) {
    String since = r.power().last().map(Instant::toString).orElse("the collector started");
    String why = r.railSource().equals("sysfs")
        ? "the INA power monitors have not been read for " + stale.toSeconds() + "s (check permissions on their"
            + " sysfs files; the log names the failing ones)"
        : tegrastats + " has printed no good line for " + stale.toSeconds() + "s (restarted "
            + r.tegrastats().map(Readings.TegrastatsHealth::restarts).orElse(0L) + " times, "
            + r.tegrastats().map(h -> h.droppedLines().values().stream().mapToLong(Long::longValue).sum()).orElse(0L)
            + " dropped lines); run it by hand to see why";
    return "no fresh reading since " + since + ": " + why;
  }

  /** Logs once when tegrastats goes silent next to readable rails, and once when it prints again. */
  private synchronized void logTegrastatsSilence(Readings r) {
    boolean silent = r.tegrastats().isPresent() && r.sample().isEmpty();
    if (silent != tegrastatsSilent) {
      tegrastatsSilent = silent;
      if (silent) {
        ctx.logger().warn("{} has printed no good line since {}; its temperatures, usage and clocks are left out"
            + " until it does", tegrastats, state.lastLine().map(Instant::toString).orElse("it was started"));
      } else {
        ctx.logger().info("{} is printing readings again", tegrastats);
      }
    }
  }

  @Override
  public List<String> summary() {
    return Summary.lines(state.readings(process), deviceType, tegrastats);
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.cancel(false);
    }
    if (process != null) {
      process.close();
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
