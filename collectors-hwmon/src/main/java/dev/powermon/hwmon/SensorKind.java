package dev.powermon.hwmon;

import java.util.Optional;

/**
 * The hwmon attributes the collector reads, with the unit the kernel writes them in
 * (Documentation/hwmon/sysfs-interface.rst) and the range outside which a value is a sensor error
 * rather than a reading.
 */
enum SensorKind {
  /** {@code powerN_input}, µW. */
  POWER_INPUT("power", "input", 1e6, 0, 100_000),
  /** {@code powerN_average}, µW. */
  POWER_AVERAGE("power", "average", 1e6, 0, 100_000),
  /** {@code energyN_input}, µJ, a counter. */
  ENERGY("energy", "input", 1e6, 0, Double.MAX_VALUE),
  /** {@code currN_input}, mA; signed (a bidirectional shunt reads negative). */
  CURRENT("curr", "input", 1e3, -10_000, 10_000),
  /** {@code inN_input}, mV; signed (a -12 V rail). */
  VOLTAGE("in", "input", 1e3, -1_000, 1_000),
  /** {@code tempN_input}, m°C. */
  TEMPERATURE("temp", "input", 1e3, -273.15, 1_000);

  private final String prefix;
  private final String suffix;
  private final double divisor;
  private final double min;
  private final double max;

  SensorKind(String prefix, String suffix, double divisor, double min, double max) {
    this.prefix = prefix;
    this.suffix = suffix;
    this.divisor = divisor;
    this.min = min;
    this.max = max;
  }

  /** The attribute type as in the file name: {@code power}, {@code curr}, {@code in}… */
  String prefix() {
    return prefix;
  }

  /** The file name of channel {@code n}: {@code power1_average}. */
  String file(int n) {
    return prefix + n + "_" + suffix;
  }

  /**
   * What the kernel's value is divided by for the base unit (watts, joules, amperes, volts, °C).
   */
  double divisor() {
    return divisor;
  }

  /** The lowest plausible value in base units. */
  double min() {
    return min;
  }

  /** The highest plausible value in base units (100 kW: lm-sensors #460's 4.29 MW is an error). */
  double max() {
    return max;
  }

  /** The kind whose file is {@code prefix}N{@code _suffix}, if the collector reads it. */
  static Optional<SensorKind> of(String prefix, String suffix) {
    for (SensorKind k : values()) {
      if (k.prefix.equals(prefix) && k.suffix.equals(suffix)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
