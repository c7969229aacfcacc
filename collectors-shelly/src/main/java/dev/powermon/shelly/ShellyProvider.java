package dev.powermon.shelly;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.net.NetworkSettings;
import java.util.List;

/**
 * Shelly plugs and energy meters over their local HTTP API. Networked: never enabled unless named.
 */
public final class ShellyProvider implements CollectorProvider {
  static final int DEFAULT_PORT = 80;

  static final SettingSpec TARGET =
      NetworkSettings.target(
          DEFAULT_PORT, "A Shelly to poll, host[:port] (port 80 by default); repeat for several.");
  static final SettingSpec CREDENTIALS_FILE =
      NetworkSettings.credentialsFile(
          "YAML file with username and password (chmod 600) for devices with authentication on; Gen2+ devices always use the user admin.");
  static final SettingSpec INTERVAL = NetworkSettings.interval("10s");
  static final SettingSpec TIMEOUT =
      NetworkSettings.timeout("Overall deadline of one device's poll, every request included.");
  static final SettingSpec POLL_THREADS = NetworkSettings.pollThreads("8");
  static final SettingSpec PROBE_ALLOW = NetworkSettings.PROBE_ALLOW;
  static final SettingSpec DISCOVERY =
      SettingSpec.builder("discovery", SettingType.BOOLEAN)
          .defaultValue("false")
          .help(
              "Also find devices by mDNS (_shelly._tcp, and _http._tcp named shelly… for Gen1) on the local network and poll them.")
          .build();
  static final SettingSpec DISCOVERY_ADDRESS =
      SettingSpec.builder("discovery-address", SettingType.STRING)
          .help(
              "The local address mDNS discovery listens on (default: the one jmDNS picks); choose the interface of the devices' network.")
          .build();
  static final SettingSpec POWERS =
      NetworkSettings.powers(
          "shelly", "a device's id (shellyplusplugs-…) or its target address (host:port)");

  @Override
  public String name() {
    return "shelly";
  }

  @Override
  public String description() {
    return "Shelly plugs and energy meters over HTTP (Gen1 /status, Gen2+ RPC): power, energy, voltage, current.";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(
        TARGET,
        DISCOVERY,
        DISCOVERY_ADDRESS,
        CREDENTIALS_FILE,
        INTERVAL,
        TIMEOUT,
        POLL_THREADS,
        PROBE_ALLOW,
        POWERS);
  }

  @Override
  public List<MetricSpec> metrics() {
    return ShellyFamilies.ALL;
  }

  @Override
  public boolean networked() {
    return true;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    List<String> targets = context.settings().strings(TARGET);
    if (targets.isEmpty() && !context.settings().bool(DISCOVERY)) {
      return ProbeResult.unavailable(
          "no device to poll: name one with --collector.shelly.target=HOST[:PORT],"
              + " or find them with --collector.shelly.discovery=true");
    }
    return ProbeResult.available(targets.size() + " Shelly target(s)");
  }

  @Override
  public Collector open(CollectorContext context) throws Exception {
    return ShellyCollector.open(context);
  }
}
