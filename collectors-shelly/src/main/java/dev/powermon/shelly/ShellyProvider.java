package dev.powermon.shelly;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.net.HostPort;
import java.util.List;

/** Shelly plugs and energy meters over their local HTTP API. Networked: never enabled unless named. */
public final class ShellyProvider implements CollectorProvider {
  static final int DEFAULT_PORT = 80;

  static final SettingSpec TARGET =
      SettingSpec.builder("target", SettingType.STRING).list()
          .check(ShellyProvider::isHostPort, "must be host or host:port (IPv6 as [addr]:port)")
          .help("A Shelly to poll, host[:port] (port 80 by default); repeat for several.")
          .build();
  static final SettingSpec CREDENTIALS_FILE =
      SettingSpec.builder("credentials-file", SettingType.PATH)
          .help("YAML file with username and password (chmod 600) for devices with authentication on; Gen2+ devices always use the user admin.")
          .build();
  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION).defaultValue("10s").min("1s").max("1h")
          .help("How often every device is polled in the background.")
          .build();
  static final SettingSpec TIMEOUT =
      SettingSpec.builder("timeout", SettingType.DURATION).defaultValue("2s").min("10ms").max("1m")
          .help("Overall deadline of one device's poll, every request included.")
          .build();
  static final SettingSpec POLL_THREADS =
      SettingSpec.builder("poll-threads", SettingType.INTEGER).defaultValue("8").min("1").max("256")
          .help("Devices polled at once; a dead device holds one thread for the timeout.")
          .build();
  static final SettingSpec PROBE_ALLOW =
      SettingSpec.builder("probe-allow", SettingType.STRING).list()
          .help("Networks (CIDR) that /probe?target= may reach besides the configured targets.")
          .build();

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
    return List.of(TARGET, CREDENTIALS_FILE, INTERVAL, TIMEOUT, POLL_THREADS, PROBE_ALLOW);
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
    if (targets.isEmpty()) {
      return ProbeResult.unavailable("no device to poll: name one with --collector.shelly.target=HOST[:PORT]");
    }
    return ProbeResult.available(targets.size() + " Shelly target(s)");
  }

  @Override
  public Collector open(CollectorContext context) throws Exception {
    return ShellyCollector.open(context);
  }

  private static boolean isHostPort(Object text) {
    try {
      HostPort.parse((String) text, DEFAULT_PORT);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
