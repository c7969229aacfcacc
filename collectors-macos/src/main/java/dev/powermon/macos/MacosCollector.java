package dev.powermon.macos;

import dev.powermon.api.Collector;
import dev.powermon.api.PowerFamilies;
import dev.powermon.oshi.SamplerThread;
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
  private final SamplerThread thread;
  private final String device;
  private final Duration stale;
  private final LongSupplier nanoTime;

  MacosCollector(SampleSource source, PowerLedger ledger, Battery battery, SamplerThread thread, String device,
      Duration stale, LongSupplier nanoTime) {
    this.source = source;
    this.ledger = ledger;
    this.battery = battery;
    this.thread = thread;
    this.device = device;
    this.stale = stale;
    this.nanoTime = nanoTime;
  }

  @Override
  public MetricSnapshots collect() {
    PowerLedger.View v = ledger.view();
    OptionalLong last = v.lastSampleNanos();
    if (last.isEmpty()) {
      throw new IllegalStateException(source.problem().orElse("waiting for the first sample from " + source.name()));
    }
    if (!fresh(last)) {
      // stale is not success: powermetrics that stopped printing never serves its last watts as fresh
      throw new IllegalStateException(source.problem().orElse("no fresh reading from " + source.name()
          + " for more than " + stale.toSeconds() + " s; readings are withheld until it delivers again"));
    }
    PowerFamilies power = new PowerFamilies("macos");
    add(power, v);
    PowerLedger.View batteryView = battery.ledger().view();
    if (fresh(batteryView.lastSampleNanos())) { // a battery read stuck in IOKit costs the battery domain only
      add(power, batteryView);
    }
    List<MetricSnapshot> out = new ArrayList<>(power.snapshots());
    out.addAll(MacosMetrics.own(source.name(), v.rejected(), v.restarts()));
    return new MetricSnapshots(out);
  }

  private boolean fresh(OptionalLong sampledAt) {
    return sampledAt.isPresent() && nanoTime.getAsLong() - sampledAt.getAsLong() <= stale.toNanos();
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
    thread.close();
  }
}
