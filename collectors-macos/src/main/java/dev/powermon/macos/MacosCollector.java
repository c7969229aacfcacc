package dev.powermon.macos;

import dev.powermon.api.Collector;
import dev.powermon.api.PowerFamilies;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/** Answers scrapes from what the background source last measured; fails when it has gone quiet. */
final class MacosCollector implements Collector {
  private final SampleSource source;
  private final PowerLedger ledger;
  private final Battery battery;
  private final String device;
  private final Duration stale;
  private final LongSupplier nanoTime;

  MacosCollector(SampleSource source, PowerLedger ledger, Battery battery, String device, Duration stale, LongSupplier nanoTime) {
    this.source = source;
    this.ledger = ledger;
    this.battery = battery;
    this.device = device;
    this.stale = stale;
    this.nanoTime = nanoTime;
  }

  @Override
  public MetricSnapshots collect() {
    PowerLedger.View v = ledger.view();
    OptionalLong last = v.lastSampleNanos();
    if (last.isEmpty() || nanoTime.getAsLong() - last.getAsLong() > stale.toNanos()) {
      throw new IllegalStateException(source.problem().orElse(
          "no sample from " + source.name() + " for more than " + stale.toSeconds() + " s"));
    }
    PowerFamilies power = new PowerFamilies("macos");
    add(power, v);
    add(power, battery.ledger().view());
    List<MetricSnapshot> out = new ArrayList<>(power.snapshots());
    out.addAll(MacosMetrics.own(source.name(), v.rejected(), v.restarts()));
    return new MetricSnapshots(out);
  }

  private void add(PowerFamilies power, PowerLedger.View v) {
    v.watts().forEach((domain, w) -> power.power(device, domain, w, Labels.EMPTY));
    v.joules().forEach((domain, j) -> power.energy(device, domain, j, Labels.EMPTY));
  }

  @Override
  public List<String> summary() {
    PowerLedger.View v = ledger.view();
    Double total = v.watts().get(PowerFamilies.TOTAL_DOMAIN);
    return List.of("source " + source.name()
        + (total == null ? ", no total yet" : String.format(Locale.ROOT, ", total %.3f W", total)));
  }

  @Override
  public void close() {
    battery.close();
    source.close();
  }
}
