package dev.powermon.host;

import dev.powermon.host.HostSource.BatteryReading;
import java.util.OptionalDouble;

/**
 * Turns a battery rate as reported into the exported value: watts flowing out of the battery, positive
 * while it discharges (it powers the host), negative while it charges. Unknown rates give nothing, never 0 W.
 */
final class BatteryPower {
  /** Windows' BATTERY_UNKNOWN_RATE (0x80000000), which OSHI passes through as a signed milliwatt value. */
  static final double WINDOWS_UNKNOWN_RATE_MILLIWATTS = Integer.MIN_VALUE;

  private BatteryPower() {}

  /** Watts out of the battery, or empty when the platform does not know the rate. */
  static OptionalDouble watts(BatteryReading reading) {
    double mw = reading.rateMilliwatts();
    // 0 is what OSHI reports for "no rate" (desktops, full batteries on AC, drivers without POWER_NOW).
    if (!Double.isFinite(mw) || mw == 0 || mw == WINDOWS_UNKNOWN_RATE_MILLIWATTS) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(-mw / 1000.0);
  }
}
