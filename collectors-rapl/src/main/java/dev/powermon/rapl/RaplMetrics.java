package dev.powermon.rapl;

import dev.powermon.api.LabelValues;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerSampleSink;
import dev.powermon.rapl.Readings.ZoneReading;
import dev.powermon.rapl.Readings.ZoneReason;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns {@link Readings} into snapshots. Joules and watts become doubles only here. */
final class RaplMetrics {
  /** The {@code source} label of the unified series. */
  static final String SOURCE = "rapl";

  private RaplMetrics() {}

  static MetricSnapshots render(Readings r, String host) {
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    power(r, host).snapshots().forEach(out::metricSnapshot);
    InfoSnapshot.Builder info =
        InfoSnapshot.builder()
            .name(RaplFamilies.ZONE_INFO.name())
            .help(RaplFamilies.ZONE_INFO.help());
    GaugeSnapshot.Builder success = gauge(RaplFamilies.ZONE_SUCCESS);
    GaugeSnapshot.Builder range = gauge(RaplFamilies.MAX_RANGE);
    GaugeSnapshot.Builder limits = gauge(RaplFamilies.POWER_LIMIT);
    for (ZoneReading z : r.zones()) {
      info.dataPoint(
          InfoDataPointSnapshot.builder().labels(zoneInfo(z.zone(), "kept", "")).build());
      success.dataPoint(point(zone(z.zone()), z.ok() ? 1 : 0));
      if (z.zone().maxRangeUj() > 0) {
        range.dataPoint(point(zone(z.zone()), z.zone().maxRangeUj() / 1e6));
      }
      for (Zone.PowerLimit limit : z.zone().limits()) {
        limits.dataPoint(
            point(
                zone(z.zone()).add("constraint", LabelValues.fromDevice(limit.constraint())),
                limit.microwatts() / 1e6));
      }
    }
    for (Deduplicator.Dropped d : r.dropped()) {
      info.dataPoint(
          InfoDataPointSnapshot.builder()
              .labels(zoneInfo(d.zone(), d.reason(), d.keptId()))
              .build());
    }
    CounterSnapshot.Builder wraps = counter(RaplFamilies.WRAPS);
    r.wraps()
        .forEach(
            (zone, n) ->
                wraps.dataPoint(count(Labels.of("rapl_zone", LabelValues.fromDevice(zone)), n)));
    GaugeSnapshot.Builder shortest = gauge(RaplFamilies.SHORTEST_WRAP);
    if (Double.isFinite(r.shortestWrapSeconds())) {
      shortest.dataPoint(point(Labels.EMPTY, r.shortestWrapSeconds()));
    }
    GaugeSnapshot.Builder interval = gauge(RaplFamilies.SAMPLING_INTERVAL);
    if (Double.isFinite(r.intervalSeconds())) {
      interval.dataPoint(point(Labels.EMPTY, r.intervalSeconds()));
    }
    CounterSnapshot.Builder problems = counter(RaplFamilies.ATTRIBUTE_PROBLEMS);
    r.attributeProblems()
        .forEach(
            (p, n) ->
                problems.dataPoint(
                    count(
                        Labels.of(
                            "rapl_zone",
                            LabelValues.fromDevice(p.zone()),
                            "file",
                            p.file(),
                            "reason",
                            p.reason()),
                        n)));
    for (MetricSnapshot s :
        List.of(
            info.build(),
            success.build(),
            range.build(),
            limits.build(),
            wraps.build(),
            byReason(RaplFamilies.DROPPED, r.drops()),
            byReason(RaplFamilies.READ_ERRORS, r.readErrors()),
            problems.build(),
            shortest.build(),
            interval.build())) {
      if (!s.getDataPoints().isEmpty()) {
        out.metricSnapshot(s);
      }
    }
    return out.build();
  }

  /** One unified series: its domain and extra labels (socket, die), its energy and its power. */
  record Series(String domain, Labels extra, double joules, double watts) {}

  /** The unified power and energy series of {@code r}. */
  private static PowerFamilies power(Readings r, String host) {
    PowerFamilies families = new PowerFamilies(SOURCE);
    for (Series s : series(r)) {
      families.energy(host, s.domain(), s.joules(), s.extra());
      if (Double.isFinite(s.watts())) {
        families.power(host, s.domain(), s.watts(), s.extra());
      }
    }
    return families;
  }

  /** Hands every series' energy at this sample to the core, which keeps per-window statistics. */
  static void record(Readings r, String host, PowerSampleSink sink, long epochMillis) {
    for (Series s : series(r)) {
      sink.record(host, s.domain(), s.extra(), epochMillis, s.joules());
    }
  }

  /**
   * One energy and power series per (domain, socket, die), then the total. Powercap zones are
   * unique per key after deduplication; MSR per-core counters (AMD core) share one and are summed
   * here. A series whose last read failed is withheld, and so is the total when a part of it is: a
   * counter that stopped is not served as if it were current.
   */
  static List<Series> series(Readings r) {
    Map<String, ZoneReading> byKey = new LinkedHashMap<>();
    for (ZoneReading z : r.zones()) {
      byKey.merge(
          z.zone().seriesKey(),
          z,
          (a, b) ->
              new ZoneReading(
                  a.zone(),
                  a.accumulatedUj() + b.accumulatedUj(),
                  a.watts() + b.watts(),
                  a.ok() && b.ok()));
    }
    List<Series> out = new ArrayList<>();
    for (ZoneReading z : byKey.values()) {
      if (!z.ok()) {
        continue;
      }
      ZoneName name = z.zone().name();
      Labels extra = Labels.EMPTY;
      if (!name.socket().isEmpty()) {
        extra = extra.add("socket", name.socket());
      }
      if (!name.die().isEmpty()) {
        extra = extra.add("die", name.die());
      }
      out.add(new Series(name.domain(), extra, z.accumulatedUj() / 1e6, z.watts()));
    }
    if (r.totalFresh()) {
      out.add(
          new Series(PowerFamilies.TOTAL_DOMAIN, Labels.EMPTY, r.totalUj() / 1e6, r.totalWatts()));
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

  private static Labels zone(Zone z) {
    return Labels.of("rapl_zone", LabelValues.fromDevice(z.id()));
  }

  private static CounterSnapshot byReason(MetricSpec spec, Map<ZoneReason, Long> counts) {
    CounterSnapshot.Builder b = counter(spec);
    counts.forEach(
        (k, n) ->
            b.dataPoint(
                count(
                    Labels.of("rapl_zone", LabelValues.fromDevice(k.zone()), "reason", k.reason()),
                    n)));
    return b.build();
  }

  private static GaugeSnapshot.Builder gauge(MetricSpec spec) {
    return GaugeSnapshot.builder().name(spec.name()).help(spec.help());
  }

  private static CounterSnapshot.Builder counter(MetricSpec spec) {
    return CounterSnapshot.builder().name(spec.name()).help(spec.help());
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  private static CounterDataPointSnapshot count(Labels labels, long n) {
    return CounterDataPointSnapshot.builder().labels(labels).value(n).build();
  }
}
