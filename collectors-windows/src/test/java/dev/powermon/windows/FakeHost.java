package dev.powermon.windows;

import dev.powermon.api.BatteryPower;
import dev.powermon.oshi.BatterySource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Windows machine made of a fake meter and a list of batteries the test changes. */
class FakeHost implements WindowsHost {
  final FakeMeter meter;
  final List<BatteryPower.Reading> batteries = new CopyOnWriteArrayList<>();

  FakeHost(String... instances) {
    this.meter = new FakeMeter(List.of(instances));
  }

  @Override
  public String osName() {
    return "Windows 11";
  }

  @Override
  public boolean isWindows() {
    return true;
  }

  @Override
  public EnergyMeterSource openMeter() {
    return meter;
  }

  @Override
  public BatterySource batteries() {
    return () -> List.copyOf(batteries);
  }
}
