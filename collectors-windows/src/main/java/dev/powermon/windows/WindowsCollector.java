package dev.powermon.windows;

import dev.powermon.api.Collector;
import dev.powermon.api.Families;
import dev.powermon.api.PowerFamilies;
import dev.powermon.oshi.SamplerThread;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers scrapes for the sampler. Power and energy reach the core as readings, so a scrape only
 * fails while the counters cannot be read and adds the reset counter; a sampler that stops making
 * progress (a PDH or battery call that never returns) is caught by the core's staleness, from
 * {@link #samplingInterval()}.
 */
final class WindowsCollector implements Collector {
  private final WindowsSampler sampler;
  private final EnergyMeterSource meter;
  private final SamplerThread thread;
  private final Duration interval;

  WindowsCollector(
      WindowsSampler sampler, EnergyMeterSource meter, SamplerThread thread, Duration interval) {
    this.sampler = sampler;
    this.meter = meter;
    this.thread = thread;
    this.interval = interval;
  }

  @Override
  public MetricSnapshots collect() {
    boolean hasMeter = !meter.instances().isEmpty();
    if (hasMeter && sampler.problem().isPresent()) {
      throw new IllegalStateException(sampler.problem().get());
    }
    Families out = new Families(WindowsFamilies.ALL);
    if (hasMeter) {
      out.counter(WindowsFamilies.RESETS, Labels.EMPTY, sampler.ledger().resets());
    }
    return out.snapshots();
  }

  @Override
  public Optional<Duration> samplingInterval() {
    return Optional.of(interval);
  }

  @Override
  public List<String> summary() {
    Double total = sampler.ledger().watts().get(PowerFamilies.TOTAL_DOMAIN);
    String battery =
        sampler.batteryWatts().isPresent()
            ? String.format(
                Locale.ROOT, "%.3f W from the battery", sampler.batteryWatts().getAsDouble())
            : "no battery rate";
    return List.of(
        meter.instances().size()
            + " Energy Meter instances"
            + (total == null ? "" : String.format(Locale.ROOT, ", total %.3f W", total))
            + ", "
            + battery);
  }

  @Override
  public void close() {
    thread.close();
    meter.close();
  }
}
