package dev.powermon.tasmota;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.api.Settings;
import dev.powermon.net.NetworkSettings;
import java.util.List;

/** Tasmota-flashed plugs over HTTP and MQTT. Networked: never enabled unless named. */
public final class TasmotaProvider implements CollectorProvider {
  static final int DEFAULT_PORT = 80;

  static final SettingSpec TARGET =
      NetworkSettings.target(
          DEFAULT_PORT,
          "A plug to poll over HTTP, host[:port] (port 80 by default); repeat for several.");
  static final SettingSpec CREDENTIALS_FILE =
      NetworkSettings.credentialsFile(
          "YAML file with username (admin) and the web password (chmod 600), for plugs with WebPassword set.");
  static final SettingSpec MQTT_BROKER =
      SettingSpec.builder("mqtt-broker", SettingType.STRING)
          .check(
              v -> ((String) v).matches("(tcp|ssl)://[^/@\\s]+"),
              "must be tcp://HOST:PORT or ssl://HOST:PORT, credentials in mqtt-credentials-file")
          .help(
              "MQTT broker the plugs publish to, tcp://HOST:PORT; every plug's tele SENSOR message is read from it.")
          .build();
  static final SettingSpec MQTT_TOPIC =
      SettingSpec.builder("mqtt-topic", SettingType.STRING)
          .defaultValue("tele/+/SENSOR")
          .check(
              v ->
                  ((String) v).chars().filter(ch -> ch == '/').count() == 2
                      && ((String) v).contains("+"),
              "must look like tele/+/SENSOR, the + naming the plug")
          .help("Topic filter of the telemetry messages; its + segment names the plug.")
          .build();
  static final SettingSpec MQTT_CREDENTIALS_FILE =
      SettingSpec.builder("mqtt-credentials-file", SettingType.PATH)
          .help("YAML file with the broker's username and password (chmod 600), if it needs them.")
          .build();
  static final SettingSpec STALE_AFTER =
      SettingSpec.builder("stale-after", SettingType.DURATION)
          .defaultValue("10m")
          .min("1s")
          .max("24h")
          .help(
              "A plug whose last MQTT reading is older than this drops out (success 0); twice its TelePeriod is a good value.")
          .build();
  static final SettingSpec INTERVAL = NetworkSettings.interval("10s");
  static final SettingSpec TIMEOUT =
      NetworkSettings.timeout(
          "Overall deadline of one HTTP poll, and of connecting to the broker.");
  static final SettingSpec POLL_THREADS = NetworkSettings.pollThreads("8");
  static final SettingSpec PROBE_ALLOW = NetworkSettings.PROBE_ALLOW;
  static final SettingSpec POWERS =
      NetworkSettings.powers(
          "tasmota", "a plug's device label (host:port over HTTP, its topic over MQTT)");

  @Override
  public String name() {
    return "tasmota";
  }

  @Override
  public String description() {
    return "Tasmota plugs over HTTP (Status 10) and MQTT (tele/+/SENSOR): power, energy, voltage, current.";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(
        TARGET,
        CREDENTIALS_FILE,
        MQTT_BROKER,
        MQTT_TOPIC,
        MQTT_CREDENTIALS_FILE,
        STALE_AFTER,
        INTERVAL,
        TIMEOUT,
        POLL_THREADS,
        PROBE_ALLOW,
        POWERS);
  }

  @Override
  public List<MetricSpec> metrics() {
    return TasmotaFamilies.ALL;
  }

  @Override
  public boolean networked() {
    return true;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    Settings s = context.settings();
    int targets = s.strings(TARGET).size();
    if (targets == 0 && !s.isSet(MQTT_BROKER)) {
      return ProbeResult.unavailable(
          "no plug to read: name one with --collector.tasmota.target=HOST or a broker with --collector.tasmota.mqtt-broker=tcp://HOST:1883");
    }
    return ProbeResult.available(
        targets + " HTTP target(s)" + (s.isSet(MQTT_BROKER) ? " and MQTT" : ""));
  }

  @Override
  public Collector open(CollectorContext context) throws Exception {
    return TasmotaCollector.open(context);
  }
}
