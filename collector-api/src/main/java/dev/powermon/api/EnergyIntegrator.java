package dev.powermon.api;

import java.time.Duration;

/**
 * Energy from power readings at instants, by the trapezoid rule: between two readings {@code (t0,
 * w0)} and {@code (t1, w1)} the energy is {@code (w0 + w1) / 2 * (t1 - t0)}. Reset-aware: a reading
 * that is unusable (NaN, infinite or negative power), not newer than the last, or more than {@code
 * maxGap} after it adds nothing and starts integration afresh, so a gap or a clock step never
 * invents energy. The total never decreases. Not thread-safe; one per series.
 */
public final class EnergyIntegrator {
  private final long maxGapMillis;
  private long lastMillis = Long.MIN_VALUE;
  private double lastWatts = Double.NaN;
  private double joules;

  /**
   * @param maxGap the longest time between two readings that is still integrated
   */
  public EnergyIntegrator(Duration maxGap) {
    this.maxGapMillis = maxGap.toMillis();
  }

  /**
   * Adds a reading.
   *
   * @return the energy integrated so far, in joules
   */
  public double add(long epochMillis, double watts) {
    if (!Double.isFinite(watts) || watts < 0) {
      lastWatts = Double.NaN;
      return joules;
    }
    if (lastMillis != Long.MIN_VALUE && epochMillis <= lastMillis) {
      return joules; // older or duplicate: ignored, the later reading stays the anchor
    }
    long gap = epochMillis - lastMillis;
    if (!Double.isNaN(lastWatts) && gap <= maxGapMillis) {
      joules += (lastWatts + watts) / 2.0 * gap / 1000.0;
    }
    lastMillis = epochMillis;
    lastWatts = watts;
    return joules;
  }

  /** The energy integrated so far, in joules. */
  public double joules() {
    return joules;
  }
}
