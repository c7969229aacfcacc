package dev.powermon.windows;

import dev.powermon.api.Collector;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
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
  private final ScheduledFuture<?> task;
  private final boolean meterHasTotal;
  private final String device;
  private final Duration stale;
  private final LongSupplier nanoTime;

  WindowsCollector(WindowsSampler sampler, EnergyMeterSource meter, ScheduledFuture<?> task, String device, Duration stale,
      LongSupplier nanoTime) {
    this.sampler = sampler;
    this.meter = meter;
    this.task = task;
    this.meterHasTotal = meter.instances().stream().map(MeterInstance::of).anyMatch(MeterInstance::countsTowardsTotal);
    this.device = device;
    this.stale = stale;
    this.nanoTime = nanoTime;
  }

  @Override
  public MetricSnapshots collect() {
    boolean hasMeter = !meter.instances().isEmpty();
    if (hasMeter) {
      if (sampler.problem().isPresent()) {
        throw new IllegalStateException(sampler.problem().get());
      }
      if (nanoTime.getAsLong() - sampler.lastMeterNanos() > stale.toNanos()) {
        throw new IllegalStateException("Energy Meter counters not read for more than " + stale.toSeconds() + " s");
      }
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
    task.cancel(false);
    meter.close();
  }
}
