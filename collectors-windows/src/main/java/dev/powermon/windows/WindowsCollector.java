package dev.powermon.windows;

import dev.powermon.api.Collector;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.oshi.SamplerThread;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Answers scrapes from the sampler. {@code total} is the Energy Meter's packages + DRAM; on a machine whose
 * Energy Meter has no RAPL instances it is the battery discharge instead (present only while on battery).
 */
final class WindowsCollector implements Collector {
  static final String BATTERY = "battery";
  static final MetricSpec RESETS =
      MetricSpec.counter("windows_energy_meter_resets_total")
          .help("Times an Energy Meter counter went backwards (driver restart); that window's energy is not counted.")
          .build();

  private final WindowsSampler sampler;
  private final EnergyMeterSource meter;
  private final SamplerThread thread;
  private final boolean meterHasTotal;
  private final String device;
  private final Duration stale;
  private final LongSupplier nanoTime;

  WindowsCollector(WindowsSampler sampler, EnergyMeterSource meter, SamplerThread thread, String device,
      Duration stale, LongSupplier nanoTime) {
    this.sampler = sampler;
    this.meter = meter;
    this.thread = thread;
    this.meterHasTotal = meter.instances().stream().map(MeterInstance::of).anyMatch(MeterInstance::countsTowardsTotal);
    this.device = device;
    this.stale = stale;
    this.nanoTime = nanoTime;
  }

  @Override
  public MetricSnapshots collect() {
    boolean hasMeter = !meter.instances().isEmpty();
    long now = nanoTime.getAsLong();
    if (hasMeter && sampler.problem().isPresent()) {
      throw new IllegalStateException(sampler.problem().get());
    }
    // Stale is not success: a run stuck in PDH or the battery, or counters that stopped reading, never
    // serve their last readings as fresh.
    long newest = hasMeter ? Math.min(sampler.lastMeterNanos(), sampler.lastRunNanos()) : sampler.lastRunNanos();
    if (now - newest > stale.toNanos()) {
      throw new IllegalStateException("no fresh reading for " + (now - newest) / 1_000_000_000L + " s (limit "
          + stale.toSeconds() + " s): the sampler is stuck in a PDH or battery call; readings are withheld");
    }
    PowerFamilies power = new PowerFamilies("windows");
    sampler.ledger().watts().forEach((domain, w) -> power.power(device, domain, w, Labels.EMPTY));
    sampler.ledger().joules().forEach((domain, j) -> power.energy(device, domain, j, Labels.EMPTY));
    BatteryDischarge battery = sampler.battery();
    if (battery.present()) {
      for (String domain : meterHasTotal ? List.of(BATTERY) : List.of(BATTERY, PowerFamilies.TOTAL_DOMAIN)) {
        battery.watts().ifPresent(w -> power.power(device, domain, w, Labels.EMPTY));
        power.energy(device, domain, battery.joules(), Labels.EMPTY);
      }
    }
    List<MetricSnapshot> out = new ArrayList<>(power.snapshots());
    if (hasMeter) {
      out.add(CounterSnapshot.builder().name("windows_energy_meter_resets").help(RESETS.help())
          .dataPoint(CounterDataPointSnapshot.builder().value(sampler.ledger().resets()).build()).build());
    }
    return new MetricSnapshots(out);
  }

  @Override
  public List<String> summary() {
    Double total = sampler.ledger().watts().get(PowerFamilies.TOTAL_DOMAIN);
    String battery = sampler.battery().watts().isPresent()
        ? String.format(Locale.ROOT, "%.3f W from the battery", sampler.battery().watts().getAsDouble())
        : "not on battery";
    return List.of(meter.instances().size() + " Energy Meter instances"
        + (total == null ? "" : String.format(Locale.ROOT, ", total %.3f W", total)) + ", " + battery);
  }

  @Override
  public void close() {
    thread.close();
    meter.close();
  }
}
