package dev.powermon.kasa;

import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.net.MeterCovers;
import java.util.ArrayList;
import java.util.List;

/**
 * Every family the collector emits, with the seed exporter's names and labels, in base units; and
 * the unified power families, which the core builds from the readings the poller hands to {@code
 * PowerReadings}.
 */
final class KasaFamilies {
  static final String[] DEVICE = {"device_id", "alias", "model", "ip"};
  static final String[] PLUG = {
    "device_id", "alias", "model", "ip", "plug_id", "plug_alias", "plug_slot"
  };

  static final MetricSpec INFO =
      MetricSpec.info("kasa_device_info")
          .help("Device metadata; always 1.")
          .labelNames("device_id", "alias", "model", "ip", "hw_ver", "sw_ver", "mac")
          .build();
  static final MetricSpec RELAY =
      device("kasa_device_relay_state", "Relay state (1 = on, 0 = off); bulbs: light on.");
  static final MetricSpec LED_OFF =
      device("kasa_device_led_off", "Status LED switched off (1) or on (0).");
  static final MetricSpec RSSI = device("kasa_device_rssi_dbm", "Wi-Fi signal strength in dBm.");
  static final MetricSpec ON_TIME =
      device("kasa_device_on_time_seconds", "Seconds since the relay was switched on.");
  static final MetricSpec UPDATING =
      device("kasa_device_updating", "Firmware update in progress (1) or not (0).");
  static final MetricSpec CLOUD =
      device("kasa_device_cloud_connected", "Connected to the TP-Link cloud (1) or not (0).");
  static final MetricSpec VOLTS =
      device("kasa_device_voltage_volts", "Voltage in volts; strips: mean of the outlets.");
  static final MetricSpec AMPS =
      device("kasa_device_current_amps", "Current in amperes; strips: sum of the outlets.");
  static final MetricSpec WATTS =
      device("kasa_device_power_watts", "Power in watts; strips: sum of the outlets.");
  static final MetricSpec ENERGY =
      MetricSpec.counter("kasa_device_energy_joules_total")
          .help(
              "Energy the device counted since its last reboot, in joules (its watt-hours × 3600); strips: "
                  + "sum of the outlets.")
          .labelNames(DEVICE)
          .build();
  static final MetricSpec PLUG_VOLTS = plug("kasa_plug_voltage_volts", "Outlet voltage in volts.");
  static final MetricSpec PLUG_AMPS = plug("kasa_plug_current_amps", "Outlet current in amperes.");
  static final MetricSpec PLUG_WATTS = plug("kasa_plug_power_watts", "Outlet power in watts.");
  static final MetricSpec PLUG_ENERGY =
      MetricSpec.counter("kasa_plug_energy_joules_total")
          .help(
              "Energy the outlet counted since the strip's last reboot, in joules (its watt-hours × 3600).")
          .labelNames(PLUG)
          .build();
  static final MetricSpec PLUG_RELAY =
      plug("kasa_plug_relay_state", "Outlet relay state (1 = on, 0 = off).");
  static final MetricSpec PLUG_ON_TIME =
      plug("kasa_plug_on_time_seconds", "Seconds since the outlet was switched on.");
  static final MetricSpec SUCCESS =
      MetricSpec.gauge("kasa_scrape_success")
          .help(
              "Whether the last poll of the device succeeded (1) or not (0); on 0 its readings are withheld.")
          .labelNames("device_id")
          .build();
  static final MetricSpec DURATION =
      MetricSpec.gauge("kasa_scrape_duration_seconds")
          .help("Seconds the last poll cycle over all devices took (for /probe: the one device).")
          .build();
  static final MetricSpec DISCOVERED =
      MetricSpec.gauge("kasa_devices_discovered")
          .help(
              "Devices known: targets, devices found by discovery, and those listed as needing a protocol "
                  + "powermon lacks (AES, TPAP).")
          .build();

  static final MetricSpec COVERS = MeterCovers.SPEC;

  static final List<MetricSpec> ALL = all();

  private KasaFamilies() {}

  private static MetricSpec device(String name, String help) {
    return MetricSpec.gauge(name).help(help).labelNames(DEVICE).build();
  }

  private static MetricSpec plug(String name, String help) {
    return MetricSpec.gauge(name).help(help).labelNames(PLUG).build();
  }

  private static List<MetricSpec> all() {
    List<MetricSpec> all =
        new ArrayList<>(
            List.of(
                INFO,
                RELAY,
                LED_OFF,
                RSSI,
                ON_TIME,
                UPDATING,
                CLOUD,
                VOLTS,
                AMPS,
                WATTS,
                ENERGY,
                PLUG_VOLTS,
                PLUG_AMPS,
                PLUG_WATTS,
                PLUG_ENERGY,
                PLUG_RELAY,
                PLUG_ON_TIME,
                SUCCESS,
                DURATION,
                DISCOVERED,
                COVERS));
    all.addAll(PowerFamilies.SPECS); // built by the core from the poller's readings
    return List.copyOf(all);
  }
}
