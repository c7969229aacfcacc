package dev.powermon.nut;

import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.net.MeterCovers;
import java.util.List;

/**
 * Every family the nut collector emits. {@code ups} is {@code NAME@HOST:PORT}, NUT's own notation.
 */
final class NutFamilies {
  static final MetricSpec SCRAPE_SUCCESS =
      MetricSpec.gauge("powermon_nut_scrape_success")
          .help("1 if the last poll of this upsd read every UPS it serves, else 0.")
          .labelNames("target")
          .build();
  static final MetricSpec UPS_INFO =
      MetricSpec.info("powermon_nut_ups_info")
          .help("A UPS served by upsd, with what it says of itself.")
          .labelNames("ups", "description", "manufacturer", "model", "serial")
          .build();
  static final MetricSpec POWER_METHOD =
      MetricSpec.info("powermon_nut_power_method_info")
          .help(
              "Which rule of the watts chain gave the UPS's power: realpower, load_realpower_nominal or load_power_nominal.")
          .labelNames("ups", "method")
          .build();
  static final MetricSpec LOAD =
      MetricSpec.gauge("powermon_nut_load_ratio")
          .help("Output load as a share of the UPS's rating (ups.load / 100).")
          .labelNames("ups")
          .build();
  static final MetricSpec BATTERY_CHARGE =
      MetricSpec.gauge("powermon_nut_battery_charge_ratio")
          .help("Battery charge, 0 to 1 (battery.charge / 100).")
          .labelNames("ups")
          .build();
  static final MetricSpec BATTERY_RUNTIME =
      MetricSpec.gauge("powermon_nut_battery_runtime_seconds")
          .help("Runtime left on battery at the present load (battery.runtime).")
          .labelNames("ups")
          .build();
  static final MetricSpec INPUT_VOLTAGE =
      MetricSpec.gauge("powermon_nut_input_voltage_volts")
          .help("Input (mains) voltage (input.voltage).")
          .labelNames("ups")
          .build();
  static final MetricSpec OUTPUT_VOLTAGE =
      MetricSpec.gauge("powermon_nut_output_voltage_volts")
          .help("Output voltage (output.voltage).")
          .labelNames("ups")
          .build();
  static final MetricSpec STATUS =
      MetricSpec.gauge("powermon_nut_status")
          .help(
              "1 while the ups.status flag is set (OL on line, OB on battery, LB low battery, CHRG charging …), else 0.")
          .labelNames("ups", "flag")
          .build();
  static final MetricSpec VARIABLE =
      MetricSpec.gauge("powermon_nut_variable")
          .help("Every numeric upsd variable as sent, for what the named families leave out.")
          .labelNames("ups", "var")
          .enabledByDefault(false)
          .build();

  static final List<MetricSpec> ALL =
      List.of(
          PowerFamilies.POWER_SPEC,
          PowerFamilies.ENERGY_SPEC,
          MeterCovers.SPEC,
          SCRAPE_SUCCESS,
          UPS_INFO,
          POWER_METHOD,
          LOAD,
          BATTERY_CHARGE,
          BATTERY_RUNTIME,
          INPUT_VOLTAGE,
          OUTPUT_VOLTAGE,
          STATUS,
          VARIABLE);

  private NutFamilies() {}
}
