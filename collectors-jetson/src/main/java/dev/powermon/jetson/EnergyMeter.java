package dev.powermon.jetson;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Integrates each rail's power into a joules counter by the trapezoid rule: between two samples the
 * energy is (P1 + P2) / 2 × Δt, which is exact for a load that ramps linearly and halves the error of
 * holding either sample. Across a gap longer than {@code maxGapNanos} (tegrastats restarting, the machine
 * suspended) nothing is added: energy that was not measured is not invented. Counters never decrease
 * because powers are clamped at 0 when read.
 */
final class EnergyMeter {
  private final long maxGapNanos;
  private final Map<String, Double> joules = new LinkedHashMap<>();
  private Map<String, Double> lastWatts = Map.of();
  private long lastNanos;

  EnergyMeter(long maxGapNanos) {
    this.maxGapNanos = maxGapNanos;
  }

  /** Adds a sample of every rail's power taken at {@code nanos} (monotonic). */
  synchronized void add(Map<String, Double> watts, long nanos) {
    long dt = nanos - lastNanos;
    boolean integrate = !lastWatts.isEmpty() && dt > 0 && dt <= maxGapNanos;
    for (Map.Entry<String, Double> e : watts.entrySet()) {
      Double previous = lastWatts.get(e.getKey());
      double added = integrate && previous != null ? (previous + e.getValue()) / 2 * dt / 1e9 : 0;
      joules.merge(e.getKey(), added, Double::sum);
    }
    lastWatts = Map.copyOf(watts);
    lastNanos = nanos;
  }

  /** Power and energy of the rails in the last sample, taken together. */
  record Totals(Map<String, Double> watts, Map<String, Double> joules) {}

  /** The latest power of every rail in the last sample, and its joules so far (kept across a rail's absence). */
  synchronized Totals totals() {
    Map<String, Double> out = new HashMap<>();
    lastWatts.keySet().forEach(rail -> out.put(rail, joules.get(rail)));
    return new Totals(lastWatts, Map.copyOf(out));
  }

  /** Forgets the last sample, so the next one starts a new interval (the rails' source went away). */
  synchronized void clear() {
    lastWatts = Map.of();
  }
}
