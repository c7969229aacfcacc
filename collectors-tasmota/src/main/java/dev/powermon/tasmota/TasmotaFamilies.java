package dev.powermon.tasmota;

import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.net.MeterCovers;
import java.util.List;

/**
 * Every family the tasmota collector emits. {@code device} is the plug's {@code host:port} when
 * polled over HTTP, its MQTT topic when it publishes; {@code channel} counts from 0.
 */
final class TasmotaFamilies {
  static final MetricSpec SCRAPE_SUCCESS =
      MetricSpec.gauge("powermon_tasmota_scrape_success")
          .help(
              "1 if the plug's last HTTP poll succeeded or its last MQTT reading is fresh, else 0 (its readings are then withheld).")
          .labelNames("device")
          .build();
  static final MetricSpec LAST_MESSAGE =
      MetricSpec.gauge("powermon_tasmota_last_message_timestamp_seconds")
          .help("When the plug's last MQTT reading arrived, in seconds since the epoch.")
          .labelNames("device")
          .build();
  static final MetricSpec MQTT_CONNECTED =
      MetricSpec.gauge("powermon_tasmota_mqtt_connected")
          .help("1 while the connection to the MQTT broker is up, else 0.")
          .build();
  static final MetricSpec POWER =
      MetricSpec.gauge("powermon_tasmota_power_watts")
          .help("Active power of the channel (Power).")
          .labelNames("device", "channel")
          .build();
  static final MetricSpec APPARENT_POWER =
      MetricSpec.gauge("powermon_tasmota_apparent_power_voltamperes")
          .help("Apparent power of the channel (ApparentPower).")
          .labelNames("device", "channel")
          .build();
  static final MetricSpec REACTIVE_POWER =
      MetricSpec.gauge("powermon_tasmota_reactive_power_voltamperes_reactive")
          .help("Reactive power of the channel (ReactivePower).")
          .labelNames("device", "channel")
          .build();
  static final MetricSpec POWER_FACTOR =
      MetricSpec.gauge("powermon_tasmota_power_factor_ratio")
          .help("Power factor of the channel (Factor), -1 to 1.")
          .labelNames("device", "channel")
          .build();
  static final MetricSpec VOLTAGE =
      MetricSpec.gauge("powermon_tasmota_voltage_volts")
          .help("Voltage of the channel.")
          .labelNames("device", "channel")
          .build();
  static final MetricSpec CURRENT =
      MetricSpec.gauge("powermon_tasmota_current_amps")
          .help("Current of the channel.")
          .labelNames("device", "channel")
          .build();
  static final MetricSpec TODAY =
      MetricSpec.gauge("powermon_tasmota_today_energy_joules")
          .help("Energy the plug counted today (Today); restarts at the device's midnight.")
          .labelNames("device")
          .build();
  static final MetricSpec YESTERDAY =
      MetricSpec.gauge("powermon_tasmota_yesterday_energy_joules")
          .help("Energy the plug counted yesterday (Yesterday).")
          .labelNames("device")
          .build();

  static final List<MetricSpec> ALL =
      List.of(
          PowerFamilies.POWER_SPEC,
          PowerFamilies.ENERGY_SPEC,
          MeterCovers.SPEC,
          SCRAPE_SUCCESS,
          LAST_MESSAGE,
          MQTT_CONNECTED,
          POWER,
          APPARENT_POWER,
          REACTIVE_POWER,
          POWER_FACTOR,
          VOLTAGE,
          CURRENT,
          TODAY,
          YESTERDAY);

  private TasmotaFamilies() {}
}
