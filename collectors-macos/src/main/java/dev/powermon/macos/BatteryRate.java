package dev.powermon.macos;

/**
 * One battery as the OS reports it.
 *
 * @param milliwatts signed rate: positive while charging, negative while discharging (OSHI's convention)
 */
record BatteryRate(String name, double milliwatts, boolean charging, boolean discharging) {

  /** Watts drawn from this battery, or 0 when it is not supplying the machine (charging, full, idle). */
  double dischargeWatts() {
    // Trust the sign first; a battery that says "discharging" with a positive rate reports magnitude only.
    if (!Double.isFinite(milliwatts) || charging) {
      return 0;
    }
    if (milliwatts < 0) {
      return -milliwatts / 1000;
    }
    return discharging ? milliwatts / 1000 : 0;
  }
}
