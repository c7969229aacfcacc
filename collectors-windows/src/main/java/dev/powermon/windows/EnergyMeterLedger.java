package dev.powermon.windows;

import dev.powermon.windows.MeterInstance.Role;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns successive raw Energy Meter readings into energy per domain (never decreasing) and the
 * power of the last window: {@code W = 0.036 × ΔpWh / Δ(100 ns)}, since 1 pWh = 3.6e-9 J and one
 * tick = 1e-7 s. The total counts each package once: its PKG instance where Windows publishes one,
 * else its parts (PP0 + PP1, or AMD's cores), plus DRAM.
 *
 * <p>Fails narrow: an instance whose window is unusable (above {@link #MAX_WATTS}: a corrupt
 * counter) loses that window alone, and is named in what {@link #update} returns; the others keep
 * theirs. A window in which a counted instance gave nothing has no total power (its energy still
 * counts).
 */
final class EnergyMeterLedger {
  static final double JOULES_PER_PWH = 3.6e-9;
  static final double SECONDS_PER_TICK = 1e-7;
  static final String TOTAL = "total";

  /**
   * More than any one RAPL domain draws (a 2-socket server package is ~500 W): a corrupt counter.
   */
  static final double MAX_WATTS = 10_000;

  private final Map<String, EnergyMeterReading> previous = new HashMap<>();
  private final Map<String, Double> joules = new TreeMap<>();
  private final Map<String, Double> watts = new TreeMap<>();
  private long resets;

  /**
   * Files one read of every instance.
   *
   * @return the instances whose reading was unusable this time, by domain, to the reason
   */
  synchronized Map<String, String> update(List<EnergyMeterReading> readings) {
    Map<String, Double> windowWatts = new TreeMap<>();
    Set<Integer> socketsWithPackage = new HashSet<>();
    Map<MeterInstance, double[]> windows = new HashMap<>();
    Map<String, String> problems = new TreeMap<>();
    Set<String> counted = countedBefore();
    for (EnergyMeterReading r : readings) {
      MeterInstance m = MeterInstance.of(r.instance());
      if (m.role() == Role.IGNORED) {
        continue;
      }
      if (m.role() == Role.PACKAGE) {
        socketsWithPackage.add(m.socket());
      }
      double[] window = window(r);
      if (window != null && window[1] > MAX_WATTS) {
        problems.put(m.domain(), "out of range (more than " + MAX_WATTS + " W)");
        continue;
      }
      if (window != null) {
        counted.remove(r.instance());
        windowWatts.merge(m.domain(), window[1], Double::sum);
        joules.merge(m.domain(), window[0], Double::sum);
        windows.merge(m, window, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
      }
    }
    addTotal(windows, socketsWithPackage, windowWatts);
    if (!counted.isEmpty()) {
      windowWatts.remove(TOTAL); // part of the total is missing from this window: no total power
    }
    watts.clear();
    watts.putAll(windowWatts);
    return problems;
  }

  /**
   * Instances with a baseline that count towards the total: each should give a window every read.
   */
  private Set<String> countedBefore() {
    Set<String> out = new HashSet<>();
    previous
        .keySet()
        .forEach(
            i -> {
              if (MeterInstance.of(i).countsTowardsTotal()) {
                out.add(i);
              }
            });
    return out;
  }

  /**
   * {joules, watts} since this instance's previous reading; null for a first reading, a stale one
   * or a reset.
   */
  private double[] window(EnergyMeterReading r) {
    EnergyMeterReading before = previous.get(r.instance());
    long ticks = before == null ? 0 : r.time100ns() - before.time100ns();
    if (before != null && ticks <= 0) {
      return null; // not updated since: keep the older baseline so no energy is lost
    }
    previous.put(r.instance(), r);
    if (before == null) {
      return null;
    }
    long picowattHours = r.picowattHours() - before.picowattHours();
    if (picowattHours < 0
        || r.picowattHours() < before.picowattHours()) { // the second test catches overflow
      resets++; // the counter restarted (driver reload): this window is lost, the counter must not
      // go back
      return null;
    }
    double j = picowattHours * JOULES_PER_PWH;
    return new double[] {j, j / (ticks * SECONDS_PER_TICK)};
  }

  private void addTotal(
      Map<MeterInstance, double[]> windows,
      Set<Integer> socketsWithPackage,
      Map<String, Double> windowWatts) {
    double j = 0;
    double w = 0;
    boolean any = false; // no RAPL instance updated: no total rather than 0 W
    for (Map.Entry<MeterInstance, double[]> e : windows.entrySet()) {
      MeterInstance m = e.getKey();
      boolean counted =
          m.role() == Role.PACKAGE
              || m.role() == Role.BESIDE
              || (m.role() == Role.PART && !socketsWithPackage.contains(m.socket()));
      if (counted) {
        j += e.getValue()[0];
        w += e.getValue()[1];
        any = true;
      }
    }
    if (any) {
      joules.merge(TOTAL, j, Double::sum);
      windowWatts.put(TOTAL, w);
    }
  }

  synchronized Map<String, Double> watts() {
    return new TreeMap<>(watts);
  }

  synchronized Map<String, Double> joules() {
    return new TreeMap<>(joules);
  }

  synchronized long resets() {
    return resets;
  }
}
