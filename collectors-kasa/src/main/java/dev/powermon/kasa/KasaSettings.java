package dev.powermon.kasa;

import static dev.powermon.kasa.KasaProvider.CREDENTIALS_FILE;
import static dev.powermon.kasa.KasaProvider.DISCOVERY;
import static dev.powermon.kasa.KasaProvider.DISCOVERY_ADDRESS;
import static dev.powermon.kasa.KasaProvider.DISCOVERY_INTERVAL;
import static dev.powermon.kasa.KasaProvider.HTTP_PORT;
import static dev.powermon.kasa.KasaProvider.KLAP_PORT;
import static dev.powermon.kasa.KasaProvider.POLL_INTERVAL;
import static dev.powermon.kasa.KasaProvider.POLL_THREADS;
import static dev.powermon.kasa.KasaProvider.PORT;
import static dev.powermon.kasa.KasaProvider.POWERS;
import static dev.powermon.kasa.KasaProvider.PROBE_ALLOW;
import static dev.powermon.kasa.KasaProvider.TARGET;
import static dev.powermon.kasa.KasaProvider.TIMEOUT;

import dev.powermon.api.Settings;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.HostPort;
import dev.powermon.net.MeterCovers;
import dev.powermon.net.ProbeAllowList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The collector's settings ({@link KasaProvider} declares them), read and checked into a record.
 *
 * @param httpTargets the labels of the targets written {@code klap://} or {@code aes://}, with
 *     their scheme
 * @param credentials the credentials file's account, null without one
 */
record KasaSettings(
    List<HostPort> targets,
    Map<String, TargetSyntax.Scheme> httpTargets,
    DeviceCredentials credentials,
    boolean discovery,
    String discoveryAddress,
    int port,
    int httpPort,
    int klapPort,
    Duration discoveryInterval,
    Duration pollInterval,
    Duration timeout,
    int pollThreads,
    ProbeAllowList probeAllow,
    MeterCovers powers) {

  /**
   * Reads the settings, which their specs checked one by one at load; what spans several values
   * (the same meter given twice in powers) is checked here, with a message naming the setting.
   */
  static KasaSettings from(Settings s) {
    int port = (int) s.integer(PORT);
    List<HostPort> targets = new ArrayList<>();
    Map<String, TargetSyntax.Scheme> http = new HashMap<>();
    for (String text : s.strings(TARGET)) {
      HostPort target = TargetSyntax.parse(text, port);
      targets.add(target);
      if (TargetSyntax.scheme(text) != TargetSyntax.Scheme.LEGACY) {
        http.put(target.label(), TargetSyntax.scheme(text));
      }
    }
    DeviceCredentials credentials =
        s.isGiven(CREDENTIALS_FILE)
            ? DeviceCredentials.read(
                "collectors.kasa.credentials-file", Path.of(s.string(CREDENTIALS_FILE)))
            : null;
    boolean discovery = s.isGiven(DISCOVERY) ? s.bool(DISCOVERY) : targets.isEmpty();
    return new KasaSettings(
        List.copyOf(targets),
        Map.copyOf(http),
        credentials,
        discovery,
        s.string(DISCOVERY_ADDRESS),
        port,
        (int) s.integer(HTTP_PORT),
        (int) s.integer(KLAP_PORT),
        s.duration(DISCOVERY_INTERVAL),
        s.duration(POLL_INTERVAL),
        s.duration(TIMEOUT),
        (int) s.integer(POLL_THREADS),
        ProbeAllowList.parse("collectors.kasa.probe-allow", s.strings(PROBE_ALLOW)),
        MeterCovers.parse("collectors.kasa.powers", s.strings(POWERS)));
  }
}
