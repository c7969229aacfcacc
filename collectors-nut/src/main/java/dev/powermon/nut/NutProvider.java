package dev.powermon.nut;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.net.NetworkSettings;
import java.util.List;

/** UPSes through Network UPS Tools' upsd. Networked: never enabled unless named. */
public final class NutProvider implements CollectorProvider {
  /** upsd's registered port. */
  static final int DEFAULT_PORT = 3493;

  static final SettingSpec TARGET =
      NetworkSettings.target(
          DEFAULT_PORT,
          "An upsd to poll, host[:port] (port 3493 by default); repeat for several. Every UPS it serves is read.");
  static final SettingSpec CREDENTIALS_FILE =
      NetworkSettings.credentialsFile(
          "YAML file with the upsd user's username and password (chmod 600); checked with LOGIN at every poll. Optional: upsd serves readings without one.");
  static final SettingSpec STARTTLS =
      SettingSpec.builder("starttls", SettingType.BOOLEAN)
          .defaultValue("false")
          .help(
              "Upgrade every upsd connection with STARTTLS before anything is sent; a upsd without a certificate then fails the poll instead of answering in plain text.")
          .build();
  static final SettingSpec CA_FILE =
      SettingSpec.builder("ca-file", SettingType.PATH)
          .help(
              "PEM file of the certificates upsd's must chain to, with starttls (default: the JVM's trusted roots); the certificate must name the target's host.")
          .build();
  static final SettingSpec INTERVAL = NetworkSettings.interval("5s");
  static final SettingSpec TIMEOUT =
      NetworkSettings.timeout(
          "Overall deadline of one upsd's poll: connect, log in and read every UPS.");
  static final SettingSpec POWER_FACTOR =
      SettingSpec.builder("power-factor", SettingType.DECIMAL)
          .defaultValue("0.6")
          .min("0.05")
          .max("1")
          .help(
              "Real/apparent power ratio assumed when a UPS reports only its load and its rated VA (the last rule of the watts chain).")
          .build();
  static final SettingSpec POLL_THREADS = NetworkSettings.pollThreads("4");
  static final SettingSpec PROBE_ALLOW = NetworkSettings.PROBE_ALLOW;
  static final SettingSpec POWERS =
      NetworkSettings.powers("nut", "a UPS as NAME@HOST:PORT (its ups label) or its NAME alone");

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
    return List.of(
        TARGET,
        CREDENTIALS_FILE,
        STARTTLS,
        CA_FILE,
        INTERVAL,
        TIMEOUT,
        POWER_FACTOR,
        POLL_THREADS,
        PROBE_ALLOW,
        POWERS);
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
      return ProbeResult.unavailable(
          "no upsd to poll: name one with --collector.nut.target=HOST[:PORT]");
    }
    return ProbeResult.available(targets.size() + " upsd target(s)");
  }

  @Override
  public Collector open(CollectorContext context) throws Exception {
    return NutCollector.open(context);
  }
}
