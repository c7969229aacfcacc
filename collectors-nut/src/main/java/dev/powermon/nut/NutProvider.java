package dev.powermon.nut;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.net.HostPort;
import java.util.List;

/** UPSes through Network UPS Tools' upsd. Networked: never enabled unless named. */
public final class NutProvider implements CollectorProvider {
  /** upsd's registered port. */
  static final int DEFAULT_PORT = 3493;

  static final SettingSpec TARGET =
      SettingSpec.builder("target", SettingType.STRING).list()
          .check(NutProvider::isHostPort, "must be host or host:port (IPv6 as [addr]:port)")
          .help("An upsd to poll, host[:port] (port 3493 by default); repeat for several. Every UPS it serves is read.")
          .build();
  static final SettingSpec CREDENTIALS_FILE =
      SettingSpec.builder("credentials-file", SettingType.PATH)
          .help("YAML file with the upsd user's username and password (chmod 600); checked with LOGIN at every poll. Optional: upsd serves readings without one.")
          .build();
  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION).defaultValue("5s").min("1s").max("1h")
          .help("How often every upsd is polled in the background.")
          .build();
  static final SettingSpec TIMEOUT =
      SettingSpec.builder("timeout", SettingType.DURATION).defaultValue("2s").min("10ms").max("1m")
          .help("Overall deadline of one upsd's poll: connect, log in and read every UPS.")
          .build();
  static final SettingSpec POWER_FACTOR =
      SettingSpec.builder("power-factor", SettingType.DECIMAL).defaultValue("0.6").min("0.05").max("1")
          .help("Real/apparent power ratio assumed when a UPS reports only its load and its rated VA (the last rule of the watts chain).")
          .build();
  static final SettingSpec POLL_THREADS =
      SettingSpec.builder("poll-threads", SettingType.INTEGER).defaultValue("4").min("1").max("64")
          .help("Threads polling upsd servers at once.")
          .build();
  static final SettingSpec PROBE_ALLOW =
      SettingSpec.builder("probe-allow", SettingType.STRING).list()
          .help("Networks (CIDR) that /probe?target= may reach besides the configured targets.")
          .build();

  @Override
  public String name() {
    return "nut";
  }

  @Override
  public String description() {
    return "UPSes through Network UPS Tools' upsd (TCP 3493): output watts, load, battery, status.";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(TARGET, CREDENTIALS_FILE, INTERVAL, TIMEOUT, POWER_FACTOR, POLL_THREADS, PROBE_ALLOW);
  }

  @Override
  public List<MetricSpec> metrics() {
    return NutFamilies.ALL;
  }

  @Override
  public boolean networked() {
    return true;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    List<String> targets = context.settings().strings(TARGET);
    if (targets.isEmpty()) {
      return ProbeResult.unavailable("no upsd to poll: name one with --collector.nut.target=HOST[:PORT]");
    }
    return ProbeResult.available(targets.size() + " upsd target(s)");
  }

  @Override
  public Collector open(CollectorContext context) throws Exception {
    return NutCollector.open(context);
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
