package dev.powermon.kasa;

import java.util.List;

/**
 * One energy-meter reading in base units. A value is null when the device does not report it (some
 * bulbs report power only) or reported something unusable; it is then omitted, never exported as 0.
 */
record Realtime(Double watts, Double volts, Double amps, Double wattHours) {

  static final double JOULES_PER_WATT_HOUR = 3600;

  /** A reading with nothing usable, for an outlet whose reply could not be read. */
  static final Realtime NONE = new Realtime(null, null, null, null);

  /**
   * A strip's total: power, current and energy add up over outlets, and are withheld when one
   * outlet lacks them (a partial sum would be wrong); voltage is the mean of the outlets that
   * report it (they share one supply, so adding six times 120 V would be nonsense).
   *
   * @param complete false when an outlet is missing from {@code parts}, which then sums nothing
   */
  static Realtime sum(List<Realtime> parts, boolean complete) {
    Double watts = complete && !parts.isEmpty() ? 0.0 : null;
    Double amps = watts;
    Double wattHours = watts;
    double voltSum = 0;
    int voltCount = 0;
    for (Realtime r : parts) {
      watts = addOrNull(watts, r.watts());
      amps = addOrNull(amps, r.amps());
      wattHours = addOrNull(wattHours, r.wattHours());
      if (r.volts() != null) {
        voltSum += r.volts();
        voltCount++;
      }
    }
    return new Realtime(watts, voltCount == 0 ? null : voltSum / voltCount, amps, wattHours);
  }

  /** The device's energy total in joules, null when it reported none. */
  Double joules() {
    return wattHours == null ? null : wattHours * JOULES_PER_WATT_HOUR;
  }

  private static Double addOrNull(Double total, Double part) {
    return total == null || part == null ? null : total + part;
  }
}
