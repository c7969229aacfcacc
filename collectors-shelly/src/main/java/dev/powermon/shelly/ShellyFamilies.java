package dev.powermon.shelly;

import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.net.MeterCovers;
import java.util.List;

/**
 * Every family the shelly collector emits; {@code device} is the Shelly's id, {@code channel} its
 * meter.
 */
final class ShellyFamilies {
  static final MetricSpec SCRAPE_SUCCESS =
      MetricSpec.gauge("powermon_shelly_scrape_success")
          .help(
              "1 if the last poll of this Shelly succeeded, else 0 (its readings are then withheld).")
          .labelNames("target")
          .build();
  static final MetricSpec DEVICE_INFO =
      MetricSpec.info("powermon_shelly_device_info")
          .help("A Shelly, as /shelly describes it.")
          .labelNames("target", "device", "generation", "model", "mac", "firmware")
          .build();
  static final MetricSpec POWER =
      MetricSpec.gauge("powermon_shelly_power_watts")
          .help(
              "Active power of the channel as the device reports it; negative when power flows back.")
          .labelNames("device", "channel")
          .build();
  static final MetricSpec VOLTAGE =
      MetricSpec.gauge("powermon_shelly_voltage_volts")
          .help("Voltage of the channel.")
          .labelNames("device", "channel")
          .build();
  static final MetricSpec CURRENT =
      MetricSpec.gauge("powermon_shelly_current_amps")
          .help("Current of the channel.")
          .labelNames("device", "channel")
          .build();
  static final MetricSpec FREQUENCY =
      MetricSpec.gauge("powermon_shelly_frequency_hertz")
          .help("Grid frequency at the channel.")
          .labelNames("device", "channel")
          .build();
  static final MetricSpec POWER_FACTOR =
      MetricSpec.gauge("powermon_shelly_power_factor_ratio")
          .help("Power factor of the channel, -1 to 1.")
          .labelNames("device", "channel")
          .build();
  static final MetricSpec RETURNED_ENERGY =
      MetricSpec.counter("powermon_shelly_returned_energy_joules_total")
          .help(
              "Energy the channel fed back to the grid, by the device's own counter (it restarts when the device reboots).")
          .labelNames("device", "channel")
          .build();
  static final MetricSpec RELAY =
      MetricSpec.gauge("powermon_shelly_relay_state")
          .help("1 while the channel's relay is on, else 0.")
          .labelNames("device", "channel")
          .build();

  static final List<MetricSpec> ALL =
      List.of(
          PowerFamilies.POWER_SPEC,
          PowerFamilies.ENERGY_SPEC,
          MeterCovers.SPEC,
          SCRAPE_SUCCESS,
          DEVICE_INFO,
          POWER,
          VOLTAGE,
          CURRENT,
          FREQUENCY,
          POWER_FACTOR,
          RETURNED_ENERGY,
          RELAY);

  private ShellyFamilies() {}
}
