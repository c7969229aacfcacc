package dev.powermon.rapl;

import dev.powermon.api.Collector;
import dev.powermon.api.Families;
import dev.powermon.api.PowerFamilies;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.RecordedReadings.Reading;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scrape would show of the collector, for assertions: its own families plus the two unified
 * ones as its readings give them. The core builds those from the readings (a 10 s mean, windows);
 * here they are the collector's side of it: the latest energy of every series handed over at the
 * latest sample, and the power between that series' last two readings. A series left out of the
 * latest sample is absent, as the collector meant it.
 */
final class Served {
  private Served() {}

  static MetricValues of(MetricSnapshots own, RecordedReadings readings) {
    List<MetricSnapshot> all = new ArrayList<>();
    own.forEach(all::add);
    unified(readings).list().forEach(all::add);
    return MetricValues.of(new MetricSnapshots(all));
  }

  /** A live collector and the readings its context recorded. */
  static MetricValues of(Collector collector, RecordedReadings readings) throws Exception {
    return of(collector.collect(), readings);
  }

  private static Families unified(RecordedReadings readings) {
    Map<String, List<Reading>> bySeries = new LinkedHashMap<>();
    long latest = Long.MIN_VALUE;
    for (Reading r : readings.all()) {
      bySeries
          .computeIfAbsent(r.device() + '/' + r.domain() + r.extra(), k -> new ArrayList<>())
          .add(r);
      latest = Math.max(latest, r.epochMillis());
    }
    Families out = new Families(RaplFamilies.all());
    for (List<Reading> series : bySeries.values()) {
      Reading last = series.get(series.size() - 1);
      if (last.epochMillis() != latest) {
        continue;
      }
      var labels =
          PowerFamilies.labels(PowerSeries.SOURCE, last.device(), last.domain(), last.extra());
      out.counter(RaplFamilies.ENERGY, labels, last.joules());
      if (series.size() > 1) {
        Reading before = series.get(series.size() - 2);
        double seconds = (last.epochMillis() - before.epochMillis()) / 1e3;
        out.gauge(RaplFamilies.POWER, labels, (last.joules() - before.joules()) / seconds);
      }
    }
    return out;
  }
}
