package dev.powermon.host;

/**
 * Joules integrated from a power that held over each interval (the estimate is an average over the
 * sampling window, so power x window is exact for it). Never decreases. Not thread-safe: one sampler
 * thread adds, readers see the value through an immutable reading.
 */
final class EnergyCounter {
  private double joules;

  /** Adds {@code watts} held for {@code nanos}; ignores negative or non-finite input, which cannot be energy. */
  double add(double watts, long nanos) {
    if (watts > 0 && Double.isFinite(watts) && nanos > 0) {
      joules += watts * (nanos / 1e9);
    }
    return joules;
  }

  double joules() {
    return joules;
  }
}
