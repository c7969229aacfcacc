package dev.powermon.windows;

/**
 * One battery as Windows reports it through OSHI ({@code BATTERY_STATUS.Rate}).
 *
 * @param milliwatts signed rate: negative while discharging, positive while charging
 */
record BatteryRate(String name, double milliwatts, boolean charging, boolean discharging) {

  /** Watts the machine draws from this battery; 0 while charging or on AC, which is not consumption. */
  double dischargeWatts() {
    if (!Double.isFinite(milliwatts) || charging || milliwatts >= 0) {
      // BATTERY_STATUS.Rate is signed; a positive or zero rate never means drawing from the battery
      return 0;
    }
    return -milliwatts / 1000;
  }
}
