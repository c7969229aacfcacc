package dev.powermon.windows;

import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.PowerSource;

/** Batteries through OSHI (IOCTL_BATTERY_QUERY_STATUS on Windows). Only used on Windows. */
final class OshiBatterySource implements BatterySource {
  private final List<PowerSource> sources = new SystemInfo().getHardware().getPowerSources();

  @Override
  public List<BatteryRate> read() {
    List<BatteryRate> out = new ArrayList<>(sources.size());
    for (PowerSource p : sources) {
      p.updateAttributes();
      out.add(new BatteryRate(p.getName(), p.getPowerUsageRate(), p.isCharging(), p.isDischarging()));
    }
    return out;
  }
}
