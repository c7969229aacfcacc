package dev.powermon.rapl;

import dev.powermon.api.Collector;
import dev.powermon.api.Families;
import dev.powermon.api.LabelValues;
import dev.powermon.api.MetricSpec;
import dev.powermon.rapl.Readings.ZoneReading;
import dev.powermon.rapl.Readings.ZoneReason;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves what the background {@link Sampler} last read; a scrape never touches sysfs. The power and
 * energy series reach the core as readings ({@link PowerSeries}); this builds the zone families.
 * The core holds the sampler to its {@link #samplingInterval()}: readings older than three
 * intervals are not served.
 */
final class RaplCollector implements Collector {
  /** What {@link #samplingInterval()} declares at least. */
  static final Duration SHORTEST_DECLARED_INTERVAL = Duration.ofSeconds(1);

  private final Sampler sampler;
  private final Runnable stop;
  private final Duration interval;

  RaplCollector(Sampler sampler, Runnable stop, Duration interval) {
    this.sampler = sampler;
    this.stop = stop;
    this.interval = interval;
  }

  /**
   * @throws IOException with the operator's fix when no zone could be read at the last sample
   */
  @Override
  public MetricSnapshots collect() throws IOException {
    Readings r = sampler.latest();
    if (r.failure() != null) {
      throw new IOException(r.failure());
    }
    return families(r).snapshots();
  }

  /**
   * The configured interval (the sampler never waits longer between samples), but at least {@link
   * #SHORTEST_DECLARED_INTERVAL}: the core calls a collector stale after three of these without a
   * reading, and on a busy machine a 20 ms sampler is often late by more than 60 ms without being
   * stuck.
   */
  @Override
  public Optional<Duration> samplingInterval() {
    return Optional.of(
        interval.compareTo(SHORTEST_DECLARED_INTERVAL) < 0 ? SHORTEST_DECLARED_INTERVAL : interval);
  }

  /** The sampler's own interval: its counters change that often, however short. */
  @Override
  public Optional<Duration> refreshInterval() {
    return Optional.of(interval);
  }

  @Override
  public List<String> summary() {
    return List.of(Summary.of(sampler.latest()));
  }

  @Override
  public void close() {
    stop.run();
  }

  /** Every zone family of {@code r}; joules and watts become doubles only here. */
  static Families families(Readings r) {
    Families out = new Families(RaplFamilies.all());
    for (ZoneReading z : r.zones()) {
      out.info(RaplFamilies.ZONE_INFO, zoneInfo(z.zone(), "kept", ""));
      out.gauge(RaplFamilies.ZONE_SUCCESS, zone(z.zone().id()), z.ok() ? 1 : 0);
      if (z.zone().maxRangeUj() > 0) {
        out.gauge(RaplFamilies.MAX_RANGE, zone(z.zone().id()), z.zone().maxRangeUj() / 1e6);
      }
      for (Zone.PowerLimit limit : z.zone().limits()) {
        out.gauge(
            RaplFamilies.POWER_LIMIT,
            zone(z.zone().id()).add("constraint", LabelValues.fromDevice(limit.constraint())),
            limit.microwatts() / 1e6);
      }
    }
    for (Deduplicator.Dropped d : r.dropped()) {
      out.info(RaplFamilies.ZONE_INFO, zoneInfo(d.zone(), d.reason(), d.keptId()));
    }
    r.wraps().forEach((zone, n) -> out.counter(RaplFamilies.WRAPS, zone(zone), n));
    byReason(out, RaplFamilies.DROPPED, r.drops());
    byReason(out, RaplFamilies.READ_ERRORS, r.readErrors());
    if (Double.isFinite(r.shortestWrapSeconds())) {
      out.gauge(RaplFamilies.SHORTEST_WRAP, Labels.EMPTY, r.shortestWrapSeconds());
    }
    if (Double.isFinite(r.intervalSeconds())) {
      out.gauge(RaplFamilies.SAMPLING_INTERVAL, Labels.EMPTY, r.intervalSeconds());
    }
    return out;
  }

  private static Labels zoneInfo(Zone z, String state, String keptId) {
    return Labels.of(
        "rapl_zone", LabelValues.fromDevice(z.id()),
        "path", LabelValues.fromDevice(z.counter().toString()),
        "control_type", LabelValues.fromDevice(z.controlType()),
        "domain", z.name().domain(),
        "socket", z.name().socket(),
        "die", z.name().die(),
        "state", state,
        "kept_zone", LabelValues.fromDevice(keptId));
  }

  private static Labels zone(String id) {
    return Labels.of("rapl_zone", LabelValues.fromDevice(id));
  }

  private static void byReason(Families out, MetricSpec spec, Map<ZoneReason, Long> counts) {
    counts.forEach(
        (k, n) ->
            out.counter(
                spec,
                Labels.of("rapl_zone", LabelValues.fromDevice(k.zone()), "reason", k.reason()),
                n));
  }
}
