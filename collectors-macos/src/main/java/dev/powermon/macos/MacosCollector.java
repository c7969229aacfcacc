package dev.powermon.macos;

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
 * Answers scrapes for the background source. Power reaches the core as readings (see {@link
 * SampleLog}); a source that stops delivering (powermetrics that stops printing, a stuck IOReport
 * call) is caught by the core's staleness, from {@link #samplingInterval()}; a scrape fails while
 * no sample came yet or the source says why it cannot deliver, and adds the collector's own
 * families.
 */
final class MacosCollector implements Collector {
  private final SampleSource source;
  private final SampleLog samples;
  private final Battery battery;
  private final SamplerThread thread;
  private final Duration interval;

  MacosCollector(
      SampleSource source,
      SampleLog samples,
      Battery battery,
      SamplerThread thread,
      Duration interval) {
    this.source = source;
    this.samples = samples;
    this.battery = battery;
    this.thread = thread;
    this.interval = interval;
  }

  @Override
  public MetricSnapshots collect() {
    SampleLog.View v = samples.view();
    if (v.lastSampleNanos().isEmpty()) {
      throw new IllegalStateException(
          source.problem().orElse("waiting for the first sample from " + source.name()));
    }
    Families out = new Families(MacosFamilies.ALL);
    out.info(MacosFamilies.SOURCE, Labels.of("source", source.name()));
    v.rejected()
        .forEach(
            (reason, n) ->
                out.counter(MacosFamilies.SAMPLE_ERRORS, Labels.of("reason", reason), n));
    if (source.name().equals("powermetrics")) {
      out.counter(MacosFamilies.RESTARTS, Labels.EMPTY, v.restarts());
    }
    return out.snapshots();
  }

  @Override
  public Optional<Duration> samplingInterval() {
    return Optional.of(interval);
  }

  @Override
  public List<String> summary() {
    Double total = samples.view().watts().get(PowerFamilies.TOTAL_DOMAIN);
    return List.of(
        "source "
            + source.name()
            + (total == null
                ? ", no total yet"
                : String.format(Locale.ROOT, ", total %.3f W", total)));
  }

  @Override
  public void close() {
    battery.close();
    source.close();
    thread.close();
  }
}
