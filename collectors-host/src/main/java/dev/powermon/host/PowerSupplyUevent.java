package dev.powermon.host;

import dev.powermon.host.HostSource.BatteryReading;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a Linux {@code /sys/class/power_supply/<name>/uevent} file into a battery rate. The kernel
 * reports {@code POWER_NOW} in microwatts, or {@code CURRENT_NOW} in microamperes with {@code VOLTAGE_NOW}
 * in microvolts; magnitudes only (some drivers, Asahi's macsmc-battery, send them negative), the
 * direction comes from {@code STATUS}.
 */
final class PowerSupplyUevent {
  private static final String PREFIX = "POWER_SUPPLY_";

  private PowerSupplyUevent() {}

  /**
   * The battery described by {@code text}, or empty when it is not the host's own battery (mains,
   * USB, a wireless mouse's cell) or is absent. A rate that cannot be known is 0 mW, as OSHI reports it.
   */
  static Optional<BatteryReading> parse(String directoryName, String text) {
    Map<String, String> props = properties(text);
    if (!"Battery".equals(props.get("TYPE"))
        || "Device".equals(props.get("SCOPE"))
        || "0".equals(props.get("PRESENT"))) {
      return Optional.empty();
    }
    String name = props.getOrDefault("NAME", directoryName);
    return Optional.of(new BatteryReading(name, direction(props.get("STATUS")) * magnitudeMilliwatts(props)));
  }

  private static Map<String, String> properties(String text) {
    Map<String, String> props = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (line.startsWith(PREFIX) && eq > PREFIX.length()) {
        props.put(line.substring(PREFIX.length(), eq), line.substring(eq + 1).trim());
      }
    }
    return props;
  }

  /** +1 charging, -1 discharging, 0 when no current flows or the driver does not say ("Unknown"). */
  private static int direction(String status) {
    if ("Charging".equals(status)) {
      return 1;
    }
    return "Discharging".equals(status) ? -1 : 0;
  }

  private static double magnitudeMilliwatts(Map<String, String> props) {
    double microwatts = number(props.get("POWER_NOW"));
    if (Double.isNaN(microwatts)) {
      // microamperes x microvolts = 1e-12 W = 1e-9 mW
      return Math.abs(number(props.get("CURRENT_NOW")) * number(props.get("VOLTAGE_NOW"))) / 1e9;
    }
    return Math.abs(microwatts) / 1e3;
  }

  /** The integer the kernel wrote, or NaN when absent or not an integer. */
  private static double number(String value) {
    if (value == null) {
      return Double.NaN;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
