package dev.powermon.host;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.host.HostSampler.Reading;
import dev.powermon.host.HostSettings.EstimateMode;
import dev.powermon.host.HostSource.CpuInfo;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** Answers scrapes from the sampler's last reading; never touches the host itself. */
final class HostCollector implements Collector {
  private final CollectorContext context;
  private final CpuInfo cpu;
  private final HostSampler sampler;
  private final EstimateMode estimateMode;
  private final long staleAfterNanos;
  private final ScheduledFuture<?> schedule;

  HostCollector(
      CollectorContext context, CpuInfo cpu, HostSampler sampler, HostSettings settings, ScheduledFuture<?> schedule) {
    this.context = context;
    this.cpu = cpu;
    this.sampler = sampler;
    this.estimateMode = settings.estimateMode();
    // A few missed runs are a busy scheduler; many are a sampler that stopped.
    this.staleAfterNanos = Math.max(settings.interval().multipliedBy(5).toNanos(), Duration.ofSeconds(30).toNanos());
    this.schedule = schedule;
  }

  @Override
  public MetricSnapshots collect() {
    String failure = sampler.failure();
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    Reading reading = sampler.latest();
    if (reading == null) {
      throw new IllegalStateException("no host sample yet");
    }
    long age = context.nanoTime() - reading.atNanos();
    if (age > staleAfterNanos) {
      throw new IllegalStateException("the last host sample is " + age / 1_000_000_000L
          + "s old: the background sampler has stopped; restart powermon and report the log");
    }
    return HostMetrics.snapshots(cpu, reading, context.hostname(), estimateShown());
  }

  /** auto follows the other collectors now, so an estimate appears or goes as they do (after a reload). */
  private boolean estimateShown() {
    switch (estimateMode) {
      case ON:
        return true;
      case OFF:
        return false;
      default:
        return !context.hostPowerMeasured();
    }
  }

  @Override
  public List<String> summary() {
    Reading reading = sampler.latest();
    String line = cpu.model() + ", " + cpu.logicalCores() + " logical CPUs";
    if (reading != null && !Double.isNaN(reading.cpuUtilization())) {
      line += String.format(", %.0f%% busy", reading.cpuUtilization() * 100);
      if (estimateShown() && !Double.isNaN(reading.estimateWatts())) {
        line += String.format(", estimate %.1f W (source=\"estimate\", not measured)", reading.estimateWatts());
      }
    }
    return List.of(line);
  }

  @Override
  public void close() {
    schedule.cancel(false);
  }
}
