package dev.powermon.oshi;

import dev.powermon.api.BatteryPower;
import dev.powermon.api.BatteryPower.Convention;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a Linux {@code /sys/class/power_supply/<name>/uevent} file into a battery reading. The
 * kernel reports {@code POWER_NOW} in microwatts, or {@code CURRENT_NOW} in microamperes with
 * {@code VOLTAGE_NOW} in microvolts; the direction is in {@code STATUS}. {@link BatteryPower}
 * applies the rule ({@link Convention#LINUX_MICROWATTS}).
 */
final class PowerSupplyUevent {
  private static final String PREFIX = "POWER_SUPPLY_";

  private PowerSupplyUevent() {}

  /**
   * The battery described by {@code text}, or empty when it is not the host's own battery (mains,
   * USB, a wireless mouse's cell) or is absent. A rate that cannot be read, or a status of
   * "Unknown", is NaN.
   */
  static Optional<BatteryPower.Reading> parse(String directoryName, String text) {
    Map<String, String> props = properties(text);
    if (!"Battery".equals(props.get("TYPE"))
        || "Device".equals(props.get("SCOPE"))
        || "0".equals(props.get("PRESENT"))) {
      return Optional.empty();
    }
    String name = props.getOrDefault("NAME", directoryName);
    String status = props.get("STATUS");
    boolean known = status != null && !"Unknown".equals(status);
    return Optional.of(
        new BatteryPower.Reading(
            name,
            known ? microwatts(props) : Double.NaN,
            Convention.LINUX_MICROWATTS,
            "Charging".equals(status),
            "Discharging".equals(status)));
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

  private static double microwatts(Map<String, String> props) {
    double microwatts = number(props.get("POWER_NOW"));
    if (Double.isNaN(microwatts)) {
      // microamperes x microvolts = 1e-12 W = 1e-6 uW
      return number(props.get("CURRENT_NOW")) * number(props.get("VOLTAGE_NOW")) / 1e6;
    }
    return microwatts;
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
