package dev.powermon.api;

/**
 * Turns a device's energy counter that resets (on reboot, at midnight, when it wraps) into a
 * counter that never goes backwards. The first reading starts the ledger at the device's value;
 * each later reading adds its increase over the previous one, and a reading below the previous one
 * is a reset, after which the device counted up from zero, so its whole value is added. Unusable
 * readings (NaN, infinite, negative) are ignored. Kasa, Shelly and NUT use it; the core uses it for
 * {@link PowerReadings#joules}. Not thread-safe; one per series.
 */
public final class CounterLedger {
  private double last = Double.NaN;
  private double total;
  private long resets;

  /**
   * Adds one reading of the device counter, in the unit the total is kept in.
   *
   * @return the total, never lower than before
   */
  public double add(double deviceValue) {
    if (!Double.isFinite(deviceValue) || deviceValue < 0) {
      return total;
    }
    if (Double.isNaN(last)) {
      total = deviceValue;
    } else if (deviceValue >= last) {
      total += deviceValue - last;
    } else {
      total += deviceValue;
      resets++;
    }
    last = deviceValue;
    return total;
  }

  /** The total so far; 0 before the first reading. */
  public double total() {
    return total;
  }

  /** How many resets were seen. */
  public long resets() {
    return resets;
  }
}
