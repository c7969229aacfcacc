package dev.powermon.rapl;

import dev.powermon.api.StateLog;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

/**
 * The sampling interval in use. A wrap is only certain when the counter is read well within one
 * wrap period, so when the power drawn now and a zone's range put the shortest wrap within {@link
 * #WRAPS_PER_INTERVAL} intervals, the sampler goes faster (an eighth of the wrap period, never
 * under {@link #FLOOR}); it goes back to the configured interval once that is an eighth of the wrap
 * period again. Between the two thresholds it stays where it is, so a power that hovers does not
 * make the interval flap (or the log).
 */
final class AdaptiveInterval {
  /** Faster than this costs more than it saves: a sysfs read takes microseconds, a wakeup more. */
  static final Duration FLOOR = Duration.ofMillis(10);

  /** Sample faster when a counter would wrap within this many intervals. */
  static final int WRAPS_PER_INTERVAL = 4;

  /** When sampling faster, read the counters this many times per wrap period. */
  private static final int READS_PER_WRAP = 8;

  private final long configuredNanos;
  private final long floorNanos;
  private long inUseNanos;

  AdaptiveInterval(Duration configured) {
    this.configuredNanos = configured.toNanos();
    this.floorNanos = Math.min(FLOOR.toNanos(), configuredNanos);
    this.inUseNanos = configuredNanos;
  }

  long inUseNanos() {
    return inUseNanos;
  }

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

  /** Adjusts to the shortest wrap period seen at this sample; logs when the mode changes. */
  void adjust(double shortestWrapSeconds, StateLog log) {
    if (!(shortestWrapSeconds > 0) || Double.isInfinite(shortestWrapSeconds)) {
      return; // power unknown (first sample, failed reads): keep the pace
    }
    long wrapNanos = (long) Math.min(shortestWrapSeconds * 1e9, Long.MAX_VALUE / 2.0);
    long faster = Math.max(floorNanos, wrapNanos / READS_PER_WRAP);
    if (inUseNanos == configuredNanos) {
      if (wrapNanos / WRAPS_PER_INTERVAL < configuredNanos) {
        inUseNanos = Math.min(faster, configuredNanos);
        log.failing(
            "RAPL sampling",
            String.format(
                Locale.ROOT,
                "counters wrap every %s at the current power, within %d sampling intervals"
                    + " of %s: sampling every %s until the power falls.",
                period(shortestWrapSeconds),
                WRAPS_PER_INTERVAL,
                shown(configuredNanos),
                millis(inUseNanos)));
      }
    } else if (faster >= configuredNanos) {
      inUseNanos = configuredNanos;
      log.ok("RAPL sampling", "power fell: sampling every " + shown(configuredNanos) + " again.");
    } else {
      inUseNanos = faster;
    }
    if (wrapNanos / WRAPS_PER_INTERVAL < inUseNanos) {
      log.failing(
          "RAPL wraps",
          String.format(
              Locale.ROOT,
              "counters wrap every %s, faster than sampling every %s can follow: wraps may"
                  + " be missed and counted as resets (powermon_rapl_dropped_samples_total).",
              period(shortestWrapSeconds),
              millis(inUseNanos)));
    } else {
      log.ok("RAPL wraps", "sampling keeps up with the counters' wraps again.");
    }
  }

  /**
   * One unit for every value of a message, so its shape (what {@link StateLog} compares) stays
   * while the numbers move.
   */
  private static String period(double seconds) {
    return String.format(Locale.ROOT, "%.3fs", seconds);
  }

  private static String millis(long nanos) {
    return nanos / 1_000_000 + "ms";
  }

  private static String shown(long nanos) {
    return nanos % 1_000_000_000L == 0 ? nanos / 1_000_000_000L + "s" : nanos / 1_000_000 + "ms";
  }
}
