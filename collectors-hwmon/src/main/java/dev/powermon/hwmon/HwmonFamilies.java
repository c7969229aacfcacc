package dev.powermon.hwmon;

import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;

/**
 * Every family the hwmon collector emits besides the unified ones, which the core builds from its
 * readings. {@code chip} is the stable chip label ({@code ina226-1-0040}), {@code sensor} the
 * channel's {@code *_label} or {@code power1}; the Pi 5 PMIC appears as chip {@value #PMIC_CHIP}.
 */
final class HwmonFamilies {
  static final String PMIC_CHIP = "rpi5-pmic";

  static final MetricSpec POWER =
      MetricSpec.gauge("powermon_hwmon_power_watts")
          .unit("watts")
          .help(
              "Power a hwmon sensor reports now (powerN_input), in watts; for the Pi 5 PMIC, V×I per rail"
                  + " and their sum (sensor rails_sum, which leaves out the 5 V input's own losses).")
          .labelNames("chip", "sensor")
          .build();
  static final MetricSpec POWER_AVERAGE =
      MetricSpec.gauge("powermon_hwmon_power_average_watts")
          .unit("watts")
          .help("Power a hwmon sensor averages over its own interval (powerN_average), in watts.")
          .labelNames("chip", "sensor")
          .build();
  static final MetricSpec ENERGY =
      MetricSpec.counter("powermon_hwmon_energy_joules_total")
          .unit("joules")
          .help(
              "A hwmon energy counter (energyN_input) in joules; never decreases: a counter that goes back"
                  + " (driver reload) is carried over.")
          .labelNames("chip", "sensor")
          .build();
  static final MetricSpec CURRENT =
      MetricSpec.gauge("powermon_hwmon_current_amperes")
          .unit("amperes")
          .help("Current a hwmon sensor reports (currN_input), in amperes.")
          .labelNames("chip", "sensor")
          .build();
  static final MetricSpec VOLTAGE =
      MetricSpec.gauge("powermon_hwmon_voltage_volts")
          .unit("volts")
          .help(
              "Voltage a hwmon sensor reports (inN_input), in volts; for the Pi 5 PMIC, each rail and EXT5V.")
          .labelNames("chip", "sensor")
          .build();
  static final MetricSpec TEMPERATURE =
      MetricSpec.gauge("powermon_hwmon_temperature_celsius")
          .unit("celsius")
          .help("Temperature a hwmon sensor reports (tempN_input), in degrees Celsius.")
          .labelNames("chip", "sensor")
          .build();
  static final MetricSpec CHIP_INFO =
      MetricSpec.info("powermon_hwmon_chip_info")
          .help("Every hwmon chip read: its driver name and device path below sysfs, value 1.")
          .labelNames("chip", "name", "device")
          .build();

  static final List<MetricSpec> ALL =
      List.of(
          PowerFamilies.POWER_SPEC,
          PowerFamilies.ENERGY_SPEC,
          POWER,
          POWER_AVERAGE,
          ENERGY,
          CURRENT,
          VOLTAGE,
          TEMPERATURE,
          CHIP_INFO);

  private static final Map<SensorKind, MetricSpec> BY_KIND =
      Map.of(
          SensorKind.POWER_INPUT, POWER,
          SensorKind.POWER_AVERAGE, POWER_AVERAGE,
          SensorKind.CURRENT, CURRENT,
          SensorKind.VOLTAGE, VOLTAGE,
          SensorKind.TEMPERATURE, TEMPERATURE);

  private HwmonFamilies() {}

  static MetricSnapshots build(HwmonSampler.Snapshot s) {
    Families out = new Families(ALL);
    for (Chip chip : s.chips()) {
      out.info(
          CHIP_INFO, Labels.of("chip", chip.label(), "name", chip.name(), "device", chip.device()));
      for (Sensor sensor : chip.sensors()) {
        Labels labels = Labels.of("chip", chip.label(), "sensor", sensor.name());
        if (sensor.kind() == SensorKind.ENERGY) {
          Double total = s.energy().get(chip.label() + "/" + sensor.name());
          if (total != null) {
            out.counter(ENERGY, labels, total);
          }
        } else {
          out.gauge(BY_KIND.get(sensor.kind()), labels, sensor.value());
        }
      }
    }
    s.pmic().ifPresent(p -> pmic(out, p));
    return out.snapshots();
  }

  private static void pmic(Families out, PmicReading p) {
    p.amps()
        .forEach((rail, a) -> out.gauge(CURRENT, Labels.of("chip", PMIC_CHIP, "sensor", rail), a));
    p.volts()
        .forEach((rail, v) -> out.gauge(VOLTAGE, Labels.of("chip", PMIC_CHIP, "sensor", rail), v));
    p.watts()
        .forEach((rail, w) -> out.gauge(POWER, Labels.of("chip", PMIC_CHIP, "sensor", rail), w));
    if (!p.watts().isEmpty()) {
      out.gauge(POWER, Labels.of("chip", PMIC_CHIP, "sensor", PmicReading.SUM), p.sum());
    }
  }
}
