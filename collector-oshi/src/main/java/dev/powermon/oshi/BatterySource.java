package dev.powermon.oshi;

import dev.powermon.api.BatteryPower;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The machine's batteries, read now; empty on a desktop. The real ones here, fakes in tests. */
@FunctionalInterface
public interface BatterySource {
  /** Where Linux lists its power supplies. */
  Path LINUX_POWER_SUPPLY = Path.of("/sys/class/power_supply");

  /**
   * One reading per battery, raw as the platform gives it; {@link BatteryPower} says what it means.
   *
   * @throws RuntimeException when the platform refused the read ({@link
   *     NativeAccess.NativeAccessException} when JNA cannot load)
   */
  List<BatteryPower.Reading> read();

  /**
   * This machine's batteries: Linux' from sysfs (no JNA needed, and OSHI 6.10 misreads their units
   * and sign), every other platform's through OSHI. Touches no native code until the first read.
   */
  static BatterySource ofThisMachine() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    return os.startsWith("linux") ? new SysfsBatteries(LINUX_POWER_SUPPLY) : new OshiBatteries();
  }
}
