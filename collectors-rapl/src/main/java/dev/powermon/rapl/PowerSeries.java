package dev.powermon.rapl;

import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import dev.powermon.rapl.Readings.ZoneReading;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unified power series one sample gives, handed to the core as energy counter readings ({@link
 * PowerReadings#joules}): the core derives power, keeps the windows and remote-write from them.
 * Joules become doubles only here.
 */
final class PowerSeries {
  /** The {@code source} label of the unified series. */
  static final String SOURCE = "rapl";

  /** The labels RAPL adds to the unified families; "" where a zone has none (psys, total). */
  static final String[] EXTRA_LABELS = {"socket", "die"};

  private PowerSeries() {}

  /** One unified series: its domain, extra labels (socket, die) and energy counter. */
  record Series(String domain, Labels extra, double joules) {}

  /** Hands every series of {@code r} to {@code readings}, stamped {@code epochMillis}. */
  static void feed(Readings r, String host, PowerReadings readings, long epochMillis) {
    for (Series s : of(r)) {
      readings.joules(host, s.domain(), s.extra(), epochMillis, s.joules());
    }
  }

  /**
   * One energy series per (domain, socket, die), then the total. Powercap zones are unique per key
   * after deduplication; MSR per-core counters (AMD core) share one and are summed here. A series
   * whose last read failed is not handed over, and neither is the total when a part of it failed: a
   * counter that stopped is not a reading.
   */
  static List<Series> of(Readings r) {
    Map<String, ZoneReading> byKey = new LinkedHashMap<>();
    for (ZoneReading z : r.zones()) {
      byKey.merge(
          z.zone().seriesKey(),
          z,
          (a, b) ->
              new ZoneReading(a.zone(), a.accumulatedUj() + b.accumulatedUj(), a.ok() && b.ok()));
    }
    List<Series> out = new ArrayList<>();
    for (ZoneReading z : byKey.values()) {
      if (z.ok()) {
        ZoneName name = z.zone().name();
        out.add(new Series(name.domain(), extra(name), z.accumulatedUj() / 1e6));
      }
    }
    if (r.totalFresh()) {
      out.add(
          new Series(
              PowerFamilies.TOTAL_DOMAIN, Labels.of("socket", "", "die", ""), r.totalUj() / 1e6));
    }
    return out;
  }

  private static Labels extra(ZoneName name) {
    return Labels.of("socket", name.socket(), "die", name.die());
  }
}
