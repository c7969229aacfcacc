package dev.powermon.host;

/**
 * The CPU-load power model {@code P = idle + (tdp - idle) x load}: a linear interpolation between
 * the power at rest and the rated power at full load. An estimate, exported only as {@code
 * source="estimate"}.
 */
final class PowerEstimate {
  private final double idleWatts;
  private final double tdpWatts;

  PowerEstimate(double idleWatts, double tdpWatts) {
    if (!(tdpWatts > 0) || !(idleWatts >= 0) || idleWatts > tdpWatts) {
      throw new IllegalArgumentException(
          "the estimate needs 0 <= idle-watts <= tdp-watts and tdp-watts > 0, got idle-watts "
              + idleWatts
              + " and tdp-watts "
              + tdpWatts);
    }
    this.idleWatts = idleWatts;
    this.tdpWatts = tdpWatts;
  }

  /** Estimated watts at {@code load} (0-1, clamped). */
  double watts(double load) {
    double clamped = Math.max(0, Math.min(1, load));
    return idleWatts + (tdpWatts - idleWatts) * clamped;
  }

  double idleWatts() {
    return idleWatts;
  }

  double tdpWatts() {
    return tdpWatts;
  }
}
