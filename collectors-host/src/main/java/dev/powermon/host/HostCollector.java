package dev.powermon.host;

import dev.powermon.api.BatteryPower;
import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.Families;
import dev.powermon.api.LabelValues;
import dev.powermon.host.HostSampler.Reading;
import dev.powermon.host.HostSource.CpuInfo;
import dev.powermon.host.HostSource.HostSample;
import dev.powermon.host.HostSource.InterfaceCounters;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ScheduledFuture;

/**
 * Answers scrapes from the sampler's last reading; never touches the host itself. The estimate
 * reaches the core as readings (see {@link HostProvider}); this emits the host families through
 * {@link Families}.
 */
final class HostCollector implements Collector {
  private final CollectorContext context;
  private final CpuInfo cpu;
  private final HostSampler sampler;
  private final HostSettings settings;
  private final boolean estimateServed;
  private final long staleAfterNanos;
  private final ScheduledFuture<?> schedule;

  HostCollector(
      CollectorContext context,
      CpuInfo cpu,
      HostSampler sampler,
      HostSettings settings,
      boolean estimateServed,
      ScheduledFuture<?> schedule) {
    this.context = context;
    this.cpu = cpu;
    this.sampler = sampler;
    this.settings = settings;
    this.estimateServed = estimateServed;
    // A few missed runs are a busy scheduler; many are a sampler that stopped.
    this.staleAfterNanos =
        Math.max(settings.interval().multipliedBy(5).toNanos(), Duration.ofSeconds(30).toNanos());
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
      throw new IllegalStateException(
          "the last host sample is "
              + age / 1_000_000_000L
              + "s old: the background sampler has stopped; restart powermon and report the log");
    }
    return families(reading).snapshots();
  }

  /**
   * The core holds the sampler to its interval through the estimate's readings, so only while it
   * feeds them; the host families have their own staleness check above.
   */
  @Override
  public Optional<Duration> samplingInterval() {
    return estimateServed ? Optional.of(settings.interval()) : Optional.empty();
  }

  /** Every family is built from the background sample, whether the estimate is served or not. */
  @Override
  public Optional<Duration> refreshInterval() {
    return Optional.of(settings.interval());
  }

  private Families families(Reading reading) {
    HostSample s = reading.sample();
    Families out = new Families(HostFamilies.ALL);
    out.info(
        HostFamilies.CPU_INFO,
        Labels.of(
            "model", LabelValues.fromDevice(cpu.model()),
            "vendor", LabelValues.fromDevice(cpu.vendor()),
            "packages", Integer.toString(cpu.packages()),
            "physical_cores", Integer.toString(cpu.physicalCores()),
            "logical_cores", Integer.toString(cpu.logicalCores())));
    out.gauge(HostFamilies.UPTIME, Labels.EMPTY, s.uptimeSeconds());
    out.gauge(HostFamilies.MEMORY_TOTAL, Labels.EMPTY, s.memoryTotalBytes());
    out.gauge(
        HostFamilies.MEMORY_USED, Labels.EMPTY, s.memoryTotalBytes() - s.memoryAvailableBytes());
    if (!Double.isNaN(reading.cpuUtilization())) {
      out.gauge(HostFamilies.CPU_UTILIZATION, Labels.EMPTY, reading.cpuUtilization());
    }
    List<Double> cores = reading.coreUtilization();
    for (int i = 0; i < cores.size(); i++) {
      if (!Double.isNaN(cores.get(i))) {
        out.gauge(
            HostFamilies.CORE_UTILIZATION, Labels.of("cpu", Integer.toString(i)), cores.get(i));
      }
    }
    for (InterfaceCounters nif : s.interfaces()) {
      Labels labels = Labels.of("interface", LabelValues.fromDevice(nif.name()));
      out.counter(HostFamilies.NETWORK_RECEIVE, labels, unsigned(nif.receivedBytes()));
      out.counter(HostFamilies.NETWORK_TRANSMIT, labels, unsigned(nif.transmittedBytes()));
    }
    for (BatteryPower.Reading battery : s.batteries()) {
      OptionalDouble watts = BatteryPower.outWatts(battery);
      if (watts.isPresent()) {
        out.gauge(
            HostFamilies.BATTERY_POWER,
            Labels.of("battery", LabelValues.fromDevice(battery.name())),
            watts.getAsDouble());
      }
    }
    return out;
  }

  /** Kernel byte counters are unsigned 64-bit; Java's long shows the top half as negative. */
  static double unsigned(long value) {
    return value >= 0 ? value : value + 0x1p64;
  }

  @Override
  public List<String> summary() {
    Reading reading = sampler.latest();
    String line = cpu.model() + ", " + cpu.logicalCores() + " logical CPUs";
    if (reading != null && !Double.isNaN(reading.cpuUtilization())) {
      line += String.format(Locale.ROOT, ", %.0f%% busy", reading.cpuUtilization() * 100);
      if (estimateServed && !Double.isNaN(reading.estimateWatts())) {
        line +=
            String.format(
                Locale.ROOT,
                ", estimate %.1f W (source=\"estimate\", not measured)",
                reading.estimateWatts());
      }
    }
    return List.of(line);
  }

  @Override
  public void close() {
    schedule.cancel(false);
  }
}
