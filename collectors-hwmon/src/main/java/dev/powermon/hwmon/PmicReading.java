package dev.powermon.hwmon;

import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code vcgencmd pmic_read_adc} reading of the Raspberry Pi 5's PMIC: per-rail currents (A)
 * and voltages (V), by rail name without its {@code _A}/{@code _V} suffix ({@code VDD_CORE}, {@code
 * EXT5V}).
 */
record PmicReading(Map<String, Double> amps, Map<String, Double> volts) {
  /**
   * The PMIC's own rails sum: V×I over the rails that have both. The 5 V input's losses are not in
   * it.
   */
  static final String SUM = "rails_sum";

  /** V×I per rail that has both a current and a voltage, by rail name. */
  Map<String, Double> watts() {
    Map<String, Double> out = new TreeMap<>();
    amps.forEach(
        (rail, a) -> {
          Double v = volts.get(rail);
          if (v != null) {
            out.put(rail, a * v);
          }
        });
    return out;
  }

  /** {@link #watts()} summed. */
  double sum() {
    return watts().values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
