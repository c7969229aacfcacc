package dev.powermon.rapl;

/**
 * Turns one zone's raw, wrapping counter into energy accumulated since the first reading, in long
 * microjoules (enough for 580 years at 500 W). Not thread-safe: the sampler owns it.
 *
 * <p>Between two readings the counter either advanced ({@code cur - prev}), wrapped once at the
 * zone's own range ({@code (max - prev) + cur}), or jumped back for another reason (suspend, driver
 * reload). A wrap is told from a reset by size: sampled often enough, a wrap covers well under half
 * the range, so a backwards step that would mean more than half a range of energy is a reset. A
 * reset, a backwards step without a known range, and a reading past the range are dropped and
 * re-baselined, never exported as a dip.
 */
final class ZoneCounter {
  /** What one reading did. */
  enum Step {
    FIRST,
    ADVANCED,
    WRAPPED,
    /** Backwards by more than half the range: suspend/resume or driver reload. */
    RESET,
    /** Backwards, and the range is unknown, so the wrap cannot be computed. */
    UNKNOWN_RANGE,
    /** Above the zone's own max_energy_range_uj. */
    OUT_OF_RANGE;

    boolean dropped() {
      return this == RESET || this == UNKNOWN_RANGE || this == OUT_OF_RANGE;
    }
  }

  private final long maxRangeUj;
  private long previous = -1;
  private long previousNanos;
  private long accumulatedUj;
  private long lastDeltaUj;
  private double watts = Double.NaN;

  ZoneCounter(long maxRangeUj) {
    this.maxRangeUj = maxRangeUj;
  }

  /** Takes a raw reading made at {@code nanos} (monotonic). */
  Step update(long rawUj, long nanos) {
    lastDeltaUj = 0;
    if (maxRangeUj > 0 && rawUj > maxRangeUj) {
      return Step.OUT_OF_RANGE;
    }
    if (previous < 0) {
      rebase(rawUj, nanos);
      return Step.FIRST;
    }
    Step step;
    long delta;
    if (rawUj >= previous) {
      delta = rawUj - previous;
      step = Step.ADVANCED;
    } else if (maxRangeUj <= 0) {
      rebase(rawUj, nanos);
      return Step.UNKNOWN_RANGE;
    } else {
      delta = (maxRangeUj - previous) + rawUj;
      if (delta > maxRangeUj / 2) {
        rebase(rawUj, nanos);
        return Step.RESET;
      }
      step = Step.WRAPPED;
    }
    long elapsed = nanos - previousNanos;
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

  /** The zone's wrap point in microjoules, or {@link Zone#UNKNOWN_RANGE}. */
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
