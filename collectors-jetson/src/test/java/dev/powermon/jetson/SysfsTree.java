package dev.powermon.jetson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sysfs trees shaped like each Jetson layout, in a temp dir, with the model file in the sibling
 * {@code proc}. The numbers are this project's; the file names are the kernel's.
 */
final class SysfsTree {
  private final Path sysfs;

  SysfsTree(Path root) {
    this.sysfs = root.resolve("sys");
  }

  Path sysfs() {
    return sysfs;
  }

  /** Jetson Nano on JetPack 4: {@code ina3221x} in the iio layout, mW. */
  SysfsTree jetpack4Nano() {
    Path iio = sysfs.resolve("bus/i2c/devices/6-0040/iio:device0");
    write(sysfs.resolve("bus/i2c/devices/6-0040/name"), "ina3221x\n");
    write(iio.resolve("rail_name_0"), "POM_5V_IN\n");
    write(iio.resolve("in_power0_input"), "2230\n");
    write(iio.resolve("rail_name_1"), "POM_5V_GPU\n");
    write(iio.resolve("in_power1_input"), "40\n");
    write(iio.resolve("rail_name_2"), "POM_5V_CPU\n");
    write(iio.resolve("in_power2_input"), "512\n");
    return model("NVIDIA Jetson Nano Developer Kit");
  }

  /** Orin Nano on JetPack 5/6: {@code ina3221} hwmon, mV × mA, plus the shunt-sum channel 7. */
  SysfsTree jetpack5OrinNano() {
    Path hwmon = ina3221("1-0040", "hwmon3");
    channel(hwmon, 1, "VDD_IN", 5080, 1000);
    channel(hwmon, 2, "VDD_CPU_GPU_CV", 5072, 164);
    channel(hwmon, 3, "VDD_SOC", 5076, 320);
    channel(hwmon, 7, "sum of shunt voltages", 40, 1484);
    return model("NVIDIA Jetson Orin Nano Developer Kit");
  }

  /** AGX Orin: two INA3221, NC channels, no input rail. */
  SysfsTree agxOrin() {
    Path first = ina3221("1-0040", "hwmon1");
    channel(first, 1, "VDD_GPU_SOC", 19952, 150);
    channel(first, 2, "VDD_CPU_CV", 19960, 40);
    channel(first, 3, "VIN_SYS_5V0", 5000, 900);
    Path second = ina3221("1-0041", "hwmon2");
    channel(second, 1, "NC", 0, 0);
    channel(second, 2, "VDDQ_VDD2_1V8AO", 5000, 60);
    channel(second, 3, "NC", 0, 0);
    return model("NVIDIA Jetson AGX Orin Developer Kit");
  }

  /** AGX Thor: INA3221 for the module rails, the carrier's INA238 for VIN in µW. */
  SysfsTree thor() {
    Path hwmon = ina3221("2-0040", "hwmon4");
    channel(hwmon, 1, "VDD_GPU", 19900, 180);
    channel(hwmon, 2, "VDD_CPU_SOC_MSS", 19900, 400);
    channel(hwmon, 3, "VIN_SYS_5V0", 5000, 1500);
    Path ina238 = sysfs.resolve("bus/i2c/devices/2-0044");
    write(ina238.resolve("name"), "ina238\n");
    write(ina238.resolve("hwmon/hwmon5/power1_input"), "26686000\n");
    write(ina238.resolve("hwmon/hwmon5/in1_input"), "19800\n");
    return model("NVIDIA Jetson AGX Thor Developer Kit");
  }

  /** Rewrites one hwmon channel's current, as a changing load would. */
  void setCurrent(String device, String hwmon, int channel, long milliamps) {
    write(
        sysfs.resolve(
            "bus/i2c/devices/" + device + "/hwmon/" + hwmon + "/curr" + channel + "_input"),
        milliamps + "\n");
  }

  /** The device-tree model, NUL-terminated as the kernel serves it. */
  SysfsTree model(String model) {
    write(sysfs.resolveSibling("proc").resolve("device-tree/model"), model + "\0");
    return this;
  }

  private Path ina3221(String device, String hwmon) {
    write(sysfs.resolve("bus/i2c/devices/" + device + "/name"), "ina3221\n");
    return sysfs.resolve("bus/i2c/devices/" + device + "/hwmon/" + hwmon);
  }

  private static void channel(Path hwmon, int n, String label, long millivolts, long milliamps) {
    write(hwmon.resolve("in" + n + "_label"), label + "\n");
    write(hwmon.resolve("in" + n + "_input"), millivolts + "\n");
    write(hwmon.resolve("curr" + n + "_input"), milliamps + "\n");
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
