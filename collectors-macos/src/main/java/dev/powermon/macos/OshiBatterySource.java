package dev.powermon.macos;

import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.PowerSource;

/** Batteries through OSHI ({@code AppleSmartBattery} voltage × amperage on a Mac). Only used on macOS. */
final class OshiBatterySource implements BatterySource {
  private final List<PowerSource> sources = new SystemInfo().getHardware().getPowerSources();

  @Override
  public List<BatteryRate> read() {
    List<BatteryRate> out = new ArrayList<>();
    for (PowerSource p : sources) {
      p.updateAttributes();
      out.add(new BatteryRate(p.getName(), p.getPowerUsageRate(), p.isCharging(), p.isDischarging()));
    }
    return out;
  }
}
