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
    this(new FakeMeter(List.of(instances)));
  }

  /** A machine whose meter the test made (one that fails or hangs in its own way). */
  FakeHost(FakeMeter meter) {
    this.meter = meter;
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
