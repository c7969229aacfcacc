package dev.powermon.kasa;

import java.util.List;

/**
 * One energy-meter reading in base units. Voltage, current and energy are null when the device does
 * not report them (some bulbs report power only); they are then omitted, never exported as 0.
 */
record Realtime(double watts, Double volts, Double amps, Double wattHours) {

  /**
   * A strip's total: power, current and energy add up over outlets; voltage is the outlets' mean (they
   * share one supply, so adding six times 120 V would be nonsense).
   */
  static Realtime sum(List<Realtime> parts) {
    double watts = 0;
    Double amps = 0.0;
    Double wattHours = 0.0;
    double voltSum = 0;
    int voltCount = 0;
    for (Realtime r : parts) {
      watts += r.watts();
      amps = addOrNull(amps, r.amps());
      wattHours = addOrNull(wattHours, r.wattHours());
      if (r.volts() != null) {
        voltSum += r.volts();
        voltCount++;
      }
    }
    return new Realtime(watts, voltCount == 0 ? null : voltSum / voltCount, amps, wattHours);
  }

  private static Double addOrNull(Double total, Double part) {
    return total == null || part == null ? null : total + part;
  }
}
