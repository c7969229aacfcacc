package dev.powermon.rapl;

import java.util.function.LongSupplier;

/**
 * Turns one zone's raw, wrapping counter into energy accumulated since the first reading, in long
 * microjoules (enough for 580 years at 500 W). Not thread-safe: the sampler owns it.
 *
 * <p>Between two readings the counter either advanced ({@code cur - prev}), wrapped once at the
 * zone's own range ({@code (max - prev) + cur}), or jumped back for another reason (suspend, driver
 * reload). Any backwards step is less than one range, so it is read as one wrap unless that cannot
 * be: the energy it implies in the time that passed would take more than {@link #MAX_ZONE_WATTS}.
 * Only then is it a reset. A reset, a backwards step without a known range, a reading past the
 * range and a change of the range itself are dropped and re-baselined, never exported as a dip.
 *
 * <p>The range is read again whenever a reading goes backwards or above it, the two moments it
 * matters: a zone whose {@code max_energy_range_uj} changed mid-run is re-baselined once and then
 * wraps at its new range.
 */
final class ZoneCounter {
  /**
   * More than any RAPL zone draws (the largest server packages are specified at 500 W): a backwards
   * step that would mean more energy than this in the elapsed time is not one wrap.
   */
  static final double MAX_ZONE_WATTS = 2000;

  /** What one reading did. */
  enum Step {
    FIRST,
    ADVANCED,
    WRAPPED,
    /** Backwards by more energy than one wrap can carry in the elapsed time: suspend, reload. */
    RESET,
    /** Backwards, and the range is unknown, so the wrap cannot be computed. */
    UNKNOWN_RANGE,
    /** Above the zone's own max_energy_range_uj. */
    OUT_OF_RANGE,
    /** max_energy_range_uj changed: the step cannot be told apart, so it starts afresh. */
    RANGE_CHANGED;

    boolean dropped() {
      return this == RESET
          || this == UNKNOWN_RANGE
          || this == OUT_OF_RANGE
          || this == RANGE_CHANGED;
    }
  }

  private long maxRangeUj;
  private long previous = -1;
  private long previousNanos;
  private long accumulatedUj;
  private long lastDeltaUj;
  private double watts = Double.NaN;

  ZoneCounter(long maxRangeUj) {
    this.maxRangeUj = maxRangeUj;
  }

  /** Takes a raw reading made at {@code nanos} (monotonic), the range known so far. */
  Step update(long rawUj, long nanos) {
    return update(rawUj, nanos, () -> maxRangeUj);
  }

  /**
   * Takes a raw reading made at {@code nanos} (monotonic); {@code rangeNow} reads the zone's range
   * again ({@link Zone#UNKNOWN_RANGE} when it cannot) and is called only when the reading goes
   * backwards or above the known range.
   */
  Step update(long rawUj, long nanos, LongSupplier rangeNow) {
    lastDeltaUj = 0;
    boolean backwards = previous >= 0 && rawUj < previous;
    if (backwards || (maxRangeUj > 0 && rawUj > maxRangeUj)) {
      long range = rangeNow.getAsLong();
      if (range > 0 && range != maxRangeUj) {
        maxRangeUj = range;
        rebase(rawUj, nanos);
        return Step.RANGE_CHANGED;
      }
    }
    if (maxRangeUj > 0 && rawUj > maxRangeUj) {
      return Step.OUT_OF_RANGE;
    }
    if (previous < 0) {
      rebase(rawUj, nanos);
      return Step.FIRST;
    }
    long elapsed = nanos - previousNanos;
    Step step;
    long delta;
    if (!backwards) {
      delta = rawUj - previous;
      step = Step.ADVANCED;
    } else if (maxRangeUj <= 0) {
      rebase(rawUj, nanos);
      return Step.UNKNOWN_RANGE;
    } else {
      delta = (maxRangeUj - previous) + rawUj;
      if (elapsed <= 0 || delta / 1e6 > MAX_ZONE_WATTS * (elapsed / 1e9)) {
        rebase(rawUj, nanos);
        return Step.RESET;
      }
      step = Step.WRAPPED;
    }
    watts = elapsed > 0 ? delta * 1e3 / elapsed : Double.NaN; // µJ per ns × 1e3 = J/s
    accumulatedUj += delta;
    lastDeltaUj = delta;
    previous = rawUj;
    previousNanos = nanos;
    return step;
  }

  /** Energy since the first reading, microjoules; never decreases. */
  long accumulatedUj() {
    return accumulatedUj;
  }

  /** What the last reading added, microjoules; 0 when it was dropped or failed. */
  long lastDeltaUj() {
    return lastDeltaUj;
  }

  /** Average power over the last window between two good readings, NaN before there is one. */
  double watts() {
    return watts;
  }

  /** The zone's wrap point in microjoules as last read, or {@link Zone#UNKNOWN_RANGE}. */
  long maxRangeUj() {
    return maxRangeUj;
  }

  /** Forgets the power after a failed read, so a stale gauge is not served as current. */
  void readFailed() {
    lastDeltaUj = 0;
    watts = Double.NaN;
  }

  private void rebase(long rawUj, long nanos) {
    previous = rawUj;
    previousNanos = nanos;
    watts = Double.NaN;
  }
}
