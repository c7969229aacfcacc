package dev.powermon.macos;

import dev.powermon.macos.PowerSample.DomainEnergy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns IOReport Energy Model deltas into domains. Units differ per channel (an M4 Pro counts
 * {@code CPU Energy} in mJ and {@code GPU Energy} in nJ), so each value is scaled by its own label.
 * Only the aggregate channels are summed: per-core, SRAM and DTL channels are already inside {@code
 * CPU Energy}.
 */
final class EnergyModel {
  private EnergyModel() {}

  static PowerSample toSample(List<ChannelEnergy> channels, double seconds) {
    Map<String, Double> joules = new LinkedHashMap<>();
    Map<String, String> invalid = new LinkedHashMap<>();
    for (ChannelEnergy c : channels) {
      String domain = domainOf(c.name());
      if (domain == null) {
        continue;
      }
      double scale = joulesPer(c.unit());
      if (Double.isNaN(scale)
          || c.value() < 0
          || c.value() * scale > PowerSample.MAX_WATTS * seconds) {
        invalid.put(
            c.name(),
            Double.isNaN(scale)
                ? "unknown unit '" + c.unit() + "'"
                : c.value() < 0
                    ? "negative"
                    : "out of range (more than " + PowerSample.MAX_WATTS + " W)");
        continue;
      }
      joules.merge(domain, c.value() * scale, Double::sum);
    }
    Map<String, DomainEnergy> domains = new LinkedHashMap<>();
    joules.forEach((domain, j) -> domains.put(domain, new DomainEnergy(j / seconds, j)));
    if (invalid.isEmpty() && !joules.isEmpty()) {
      double total = joules.values().stream().mapToDouble(Double::doubleValue).sum();
      domains.put(
          "total", new DomainEnergy(total / seconds, total)); // cpu + gpu + ane, as combined_power
    }
    return new PowerSample(seconds, domains, invalid);
  }

  /**
   * cpu for {@code CPU Energy} (and Ultra's {@code DIE_n_CPU Energy}), gpu, ane; null for the rest.
   */
  static String domainOf(String channel) {
    if (channel.endsWith("CPU Energy")) {
      return "cpu";
    }
    if (channel.equals("GPU Energy")) {
      return "gpu";
    }
    if (channel.startsWith("ANE")) {
      return "ane";
    }
    return null;
  }

  /** Joules per unit of the label; NaN for a label not understood (never guessed). */
  static double joulesPer(String unit) {
    switch (unit.strip()) {
      case "mJ":
        return 1e-3;
      case "uJ":
      case "\u00b5J": // micro sign
      case "\u03bcJ": // Greek mu
        return 1e-6;
      case "nJ":
        return 1e-9;
      default:
        return Double.NaN;
    }
  }
}
