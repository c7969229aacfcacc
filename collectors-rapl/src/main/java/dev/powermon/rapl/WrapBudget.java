package dev.powermon.rapl;

import java.util.Collection;
import java.util.Locale;

/**
 * Checks the sampling interval against how fast counters wrap at the power drawn now. The counter
 * is read as a wrap only when it went back by less than half its range, so sampling must come well
 * within a wrap period; a quarter of the shortest one is the budget (65.5 kJ at 300 W wraps in 3.6
 * minutes).
 */
final class WrapBudget {
  private WrapBudget() {}

  /**
   * Seconds until the fastest-wrapping counter wraps at its current power; NaN when nothing is
   * known.
   */
  static double shortestWrapSeconds(Collection<ZoneCounter> counters) {
    double shortest = Double.NaN;
    for (ZoneCounter c : counters) {
      double watts = c.watts();
      if (c.maxRangeUj() > 0 && watts > 0) {
        double seconds = c.maxRangeUj() / 1e6 / watts;
        shortest = Double.isNaN(shortest) ? seconds : Math.min(shortest, seconds);
      }
    }
    return shortest;
  }

  static void report(StateLog log, long intervalNanos, double shortestWrapSeconds) {
    double interval = intervalNanos / 1e9;
    if (shortestWrapSeconds > 0 && interval > shortestWrapSeconds / 4) {
      log.report(
          "interval",
          "too long",
          String.format(
              Locale.ROOT,
              "RAPL interval %.3fs is too long: at the current power a counter wraps every %.1fs,"
                  + " and a wrap is only recognised when sampled well within that. Set"
                  + " --collector.rapl.interval to %dms or less.",
              interval,
              shortestWrapSeconds,
              (long) (shortestWrapSeconds / 4 * 1000)));
    } else if (shortestWrapSeconds > 0) {
      log.report("interval", null, "RAPL interval is short enough for the current power again");
    }
  }
}
