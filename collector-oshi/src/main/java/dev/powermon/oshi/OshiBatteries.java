package dev.powermon.oshi;

import dev.powermon.api.BatteryPower;
import dev.powermon.api.BatteryPower.Convention;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import oshi.SystemInfo;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.PowerSource;
import oshi.hardware.PowerSource.CapacityUnits;

/**
 * Batteries through OSHI's {@link PowerSource}: {@code AppleSmartBattery} voltage × amperage on a
 * Mac, {@code IOCTL_BATTERY_QUERY_STATUS} on Windows. Not for Linux (see {@link
 * BatterySource#ofThisMachine}).
 */
final class OshiBatteries implements BatterySource {
  private final boolean mac =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");
  private HardwareAbstractionLayer hardware; // made at the first read: OSHI's setup loads JNA

  @Override
  public synchronized List<BatteryPower.Reading> read() {
    return NativeAccess.call(
        "reading the batteries through OSHI",
        () -> {
          if (hardware == null) {
            hardware = new SystemInfo().getHardware();
          }
          List<BatteryPower.Reading> out = new ArrayList<>();
          // A fresh list every time: batteries come and go (a second battery hot-swapped, a UPS
          // unplugged).
          for (PowerSource p : hardware.getPowerSources()) {
            out.add(
                reading(
                    p.getName(),
                    p.getPowerUsageRate(),
                    p.getCapacityUnits(),
                    p.isCharging(),
                    p.isDischarging(),
                    mac));
          }
          return out;
        });
  }

  /**
   * One OSHI battery. Windows batteries that count capacity in relative units (no mWh) report their
   * rate in those units too: no watts can be read from them, so the rate is unknown. On a Mac OSHI
   * sets "discharging" to "not charging", true on AC as well, while the rate (voltage × signed
   * amperage) carries the real direction: there the flags are left out so that the sign decides.
   */
  static BatteryPower.Reading reading(
      String name,
      double rateMilliwatts,
      CapacityUnits units,
      boolean charging,
      boolean discharging,
      boolean mac) {
    double rate = units == CapacityUnits.RELATIVE ? Double.NaN : rateMilliwatts;
    return new BatteryPower.Reading(
        name, rate, Convention.SIGNED_MILLIWATTS, charging && !mac, discharging && !mac);
  }
}
