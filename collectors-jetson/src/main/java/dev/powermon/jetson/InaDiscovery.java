package dev.powermon.jetson;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the INA power monitors under {@code <sysfs>/bus/i2c/devices/*}: INA3221 in the JetPack 5+
 * hwmon layout, INA3221 in JetPack 4's iio layout ({@code ina3221x}), and Thor's carrier INA238
 * ({@code VIN}). {@code hwmonN} and {@code iio:deviceN} numbers change between boots, so both are
 * globbed.
 */
final class InaDiscovery {
  /** A Jetson has two or three monitors; a tree with more entries than this is not read further. */
  private static final int MAX_ENTRIES = 512;

  /** The INA3221's channel 7 is the sum of the shunt voltages, not a rail. */
  private static final int SHUNT_SUM_CHANNEL = 7;

  private static final String NOT_CONNECTED = "NC";

  private InaDiscovery() {}

  /**
   * Every readable rail, first one wins when two devices label a rail alike; empty when none. At
   * most {@link NameLimits#PER_KIND} rails, as for the names tegrastats prints.
   */
  static List<RailChannel> discover(Path sysfs) {
    Map<String, RailChannel> rails = new LinkedHashMap<>();
    for (Path device : children(sysfs.resolve("bus/i2c/devices"), "*")) {
      for (RailChannel c : channels(device)) {
        if (rails.size() < NameLimits.PER_KIND) {
          rails.putIfAbsent(c.name(), c);
        }
      }
    }
    return List.copyOf(rails.values());
  }

  private static List<RailChannel> channels(Path device) {
    switch (SmallFiles.readOrEmpty(device.resolve("name"))) {
      case "ina3221":
        return hwmonChannels(device);
      case "ina3221x":
        return iioChannels(device);
      case "ina238":
        return ina238(device);
      default:
        return List.of();
    }
  }

  /** {@code hwmon/hwmonN/inN_label}, {@code inN_input} (mV), {@code currN_input} (mA). */
  private static List<RailChannel> hwmonChannels(Path device) {
    List<RailChannel> out = new ArrayList<>();
    for (Path hwmon : children(device.resolve("hwmon"), "hwmon*")) {
      for (int n = 1; n <= 8; n++) {
        String label = SmallFiles.readOrEmpty(hwmon.resolve("in" + n + "_label"));
        Path voltage = hwmon.resolve("in" + n + "_input");
        Path current = hwmon.resolve("curr" + n + "_input");
        if (isRail(label)
            && n != SHUNT_SUM_CHANNEL
            && Files.isRegularFile(voltage)
            && Files.isRegularFile(current)) {
          out.add(new RailChannel(label, List.of(voltage, current), 1e-6));
        }
      }
    }
    return out;
  }

  /** {@code iio:deviceN/rail_name_N}, {@code in_powerN_input} (mW). */
  private static List<RailChannel> iioChannels(Path device) {
    List<RailChannel> out = new ArrayList<>();
    for (Path iio : children(device, "iio:device*")) {
      for (int n = 0; n < 8; n++) {
        String label = SmallFiles.readOrEmpty(iio.resolve("rail_name_" + n));
        Path power = iio.resolve("in_power" + n + "_input");
        if (isRail(label) && Files.isRegularFile(power)) {
          out.add(new RailChannel(label, List.of(power), 1e-3));
        }
      }
    }
    return out;
  }

  /** Thor's whole-system input: {@code hwmon/hwmonN/power1_input} (µW). */
  private static List<RailChannel> ina238(Path device) {
    for (Path hwmon : children(device.resolve("hwmon"), "hwmon*")) {
      Path power = hwmon.resolve("power1_input");
      if (Files.isRegularFile(power)) {
        return List.of(new RailChannel("VIN", List.of(power), 1e-6));
      }
    }
    return List.of();
  }

  /** A labelled, connected channel that is not a sum ("sum of shunt voltages" on some kernels). */
  private static boolean isRail(String label) {
    return !label.isEmpty()
        && !label.equals(NOT_CONNECTED)
        && !label.toLowerCase(Locale.ROOT).contains("sum");
  }

  private static List<Path> children(Path dir, String glob) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
      for (Path p : entries) {
        if (out.size() == MAX_ENTRIES) {
          break;
        }
        if (Files.isDirectory(p)) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      return List.of(); // unreadable directory: no monitors there
    }
    out.sort(null);
    return out;
  }
}
