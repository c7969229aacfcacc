package dev.powermon.kasa;

import static dev.powermon.kasa.KasaProvider.DISCOVERY;
import static dev.powermon.kasa.KasaProvider.DISCOVERY_ADDRESS;
import static dev.powermon.kasa.KasaProvider.DISCOVERY_INTERVAL;
import static dev.powermon.kasa.KasaProvider.KLAP_PORT;
import static dev.powermon.kasa.KasaProvider.POLL_INTERVAL;
import static dev.powermon.kasa.KasaProvider.POLL_THREADS;
import static dev.powermon.kasa.KasaProvider.PORT;
import static dev.powermon.kasa.KasaProvider.POWERS;
import static dev.powermon.kasa.KasaProvider.PROBE_ALLOW;
import static dev.powermon.kasa.KasaProvider.TARGET;
import static dev.powermon.kasa.KasaProvider.TIMEOUT;

import dev.powermon.api.SettingSpec;
import dev.powermon.api.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The collector's settings ({@link KasaProvider} declares them), read and checked into a record. */
record KasaSettings(
    List<Target> targets,
    boolean discovery,
    String discoveryAddress,
    int port,
    int klapPort,
    Duration discoveryInterval,
    Duration pollInterval,
    Duration timeout,
    int pollThreads,
    ProbeAllowList probeAllow,
    MeterCovers powers) {

  /** Reads and checks the settings; messages name the setting and say what is expected. */
  static KasaSettings from(Settings s) {
    int port = port(s, PORT);
    List<Target> targets = new ArrayList<>();
    for (String text : s.strings(TARGET)) {
      targets.add(Target.parse(text, port));
    }
    boolean discovery = s.isSet(DISCOVERY) ? s.bool(DISCOVERY) : targets.isEmpty();
    Duration timeout = positive(s, TIMEOUT);
    long threads = s.integer(POLL_THREADS);
    if (threads < 1 || threads > 1024) {
      throw new IllegalArgumentException("collectors.kasa.poll-threads: " + threads + " is outside 1..1024");
    }
    return new KasaSettings(
        List.copyOf(targets), discovery, s.string(DISCOVERY_ADDRESS), port, port(s, KLAP_PORT),
        positive(s, DISCOVERY_INTERVAL), positive(s, POLL_INTERVAL), timeout, (int) threads,
        ProbeAllowList.parse(s.strings(PROBE_ALLOW)), MeterCovers.parse(s.strings(POWERS)));
  }

  private static int port(Settings s, SettingSpec spec) {
    long port = s.integer(spec);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("collectors.kasa." + spec.name() + ": " + port + " is not a port (1..65535)");
    }
    return (int) port;
  }

  private static Duration positive(Settings s, SettingSpec spec) {
    Duration d = s.duration(spec);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("collectors.kasa." + spec.name() + ": must be longer than 0");
    }
    return d;
  }
}
