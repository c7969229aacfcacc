package dev.powermon.host;

import dev.powermon.host.HostSource.Ticks;
import java.util.ArrayList;
import java.util.List;

/** CPU utilisation from two tick readings: the busy share of the ticks that passed between them. */
final class Utilization {
  private Utilization() {}

  /**
   * Busy ticks over all ticks between {@code before} and {@code after}, in [0, 1]; NaN when no tick
   * passed or the counters went backwards (a CPU brought back online restarts its counters).
   */
  static double between(Ticks before, Ticks after) {
    long total = after.total() - before.total();
    long busy = after.busy() - before.busy();
    if (total <= 0 || busy < 0) {
      return Double.NaN;
    }
    // Some kernels let idle run slightly backwards, which makes busy outrun total by a tick or two.
    return Math.min(1.0, (double) busy / total);
  }

  /**
   * Per-core utilisation; empty when the number of cores changed between the readings (hotplug).
   */
  static List<Double> perCore(List<Ticks> before, List<Ticks> after) {
    List<Double> out = new ArrayList<>(after.size());
    if (before.size() != after.size()) {
      return out;
    }
    for (int i = 0; i < after.size(); i++) {
      out.add(between(before.get(i), after.get(i)));
    }
    return out;
  }
}
