package dev.powermon.jetson;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

  private final CollectorContext ctx;
  private final JetsonState state;
  private final TegrastatsProcess process;
  private final ScheduledFuture<?> sampler;
  private final String deviceType;
  private final Path tegrastats;
  private final Duration interval;

  private JetsonCollector(CollectorContext ctx, JetsonState state, TegrastatsProcess process, ScheduledFuture<?> sampler,
      String deviceType, Path tegrastats, Duration interval) {
    this.ctx = ctx;
    this.state = state;
    this.process = process;
    this.sampler = sampler;
    this.deviceType = deviceType;
    this.tegrastats = tegrastats;
    this.interval = interval;
  }

  /**
   * Starts sampling {@code rails} (when any) and running {@code tegrastats} (when not null), and waits a
   * bounded time for the first readings.
   */
  static JetsonCollector start(CollectorContext ctx, List<RailChannel> rails, Path tegrastats, Duration interval,
      String deviceType) {
    // stale after three missed lines; gaps over five intervals are not integrated (see EnergyMeter)
    long staleNanos = Math.max(interval.multipliedBy(3).toNanos(), Duration.ofSeconds(3).toNanos());
    long maxGapNanos = Math.max(interval.multipliedBy(5).toNanos(), Duration.ofSeconds(3).toNanos());
    JetsonState state = new JetsonState(rails, new EnergyMeter(maxGapNanos), ctx::nanoTime, staleNanos, ctx.logger());
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
    return new JetsonCollector(ctx, state, process, sampler, deviceType, tegrastats, interval);
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

  @Override
  public MetricSnapshots collect() throws IOException {
    Readings r = state.readings(process);
    if (r.railWatts().isEmpty() && r.sample().isEmpty()) {
      throw new IOException(noReadings(r));
    }
    return JetsonMetrics.build(r, deviceType, ctx.hostname());
  }

  private String noReadings(Readings r) {
    List<String> why = new ArrayList<>();
    r.sysfsUp().ifPresent(up -> why.add("the INA power monitors cannot be read (check permissions on their sysfs files)"));
    r.tegrastats().ifPresent(h -> why.add(tegrastats + " has printed no good line for " + staleSeconds()
        + "s (restarted " + h.restarts() + " times, " + h.badLines() + " bad lines); run it by hand to see why"));
    return "no readings: " + String.join("; ", why);
  }

  private long staleSeconds() {
    return Math.max(interval.multipliedBy(3).toSeconds(), 3);
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
}
