package dev.powermon.kasa;

import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.api.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The collector's settings, declared once for flags, config keys and the README, and read into a record. */
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

  static final SettingSpec TARGET =
      SettingSpec.builder("target", SettingType.STRING).list()
          .help("Device to poll: host or host:port; repeat for several.").build();
  static final SettingSpec DISCOVERY =
      SettingSpec.builder("discovery", SettingType.BOOLEAN)
          .help("Find devices by UDP broadcast; unset means on when no target is given, off otherwise.").build();
  static final SettingSpec DISCOVERY_ADDRESS =
      SettingSpec.builder("discovery-address", SettingType.STRING).defaultValue("255.255.255.255")
          .help("Where discovery probes go: a broadcast address (e.g. 192.168.1.255) or one host.").build();
  static final SettingSpec PORT =
      SettingSpec.builder("port", SettingType.INTEGER).defaultValue("9999")
          .help("Device port for TCP polls and UDP discovery, and the default port of targets.").build();
  static final SettingSpec KLAP_PORT =
      SettingSpec.builder("discovery-klap-port", SettingType.INTEGER).defaultValue("20002")
          .help("UDP port probed to list devices that answer only the newer KLAP protocol.").build();
  static final SettingSpec DISCOVERY_INTERVAL =
      SettingSpec.builder("discovery-interval", SettingType.DURATION).defaultValue("60s")
          .help("How often discovery runs.").build();
  static final SettingSpec POLL_INTERVAL =
      SettingSpec.builder("poll-interval", SettingType.DURATION).defaultValue("10s")
          .help("How often every device is polled; /metrics answers from the last poll.").build();
  static final SettingSpec TIMEOUT =
      SettingSpec.builder("timeout", SettingType.DURATION).defaultValue("2s")
          .help("Overall deadline of one request to a device (connect, send, whole reply); a whole poll gets twice this.")
          .build();
  static final SettingSpec POLL_THREADS =
      SettingSpec.builder("poll-threads", SettingType.INTEGER).defaultValue("64")
          .help("Devices polled at once; a dead device holds one thread for the timeout.").build();
  static final SettingSpec PROBE_ALLOW =
      SettingSpec.builder("probe-allow", SettingType.STRING).list()
          .help("Addresses or CIDRs /probe?target= may poll besides the targets (e.g. 192.168.1.0/24).").build();

  static final SettingSpec POWERS =
      SettingSpec.builder("powers", SettingType.STRING).list()
          .help("Which host a plug or outlet feeds, as METER=HOST: METER is a device id, alias or ip, or an "
              + "outlet's alias; HOST is the name that host's own series carry in 'device'. Exported as "
              + "powermon_meter_covers, so fleet totals count the host once, at the plug. Repeat for several.")
          .build();

  static final List<SettingSpec> SPECS =
      List.of(TARGET, DISCOVERY, DISCOVERY_ADDRESS, PORT, KLAP_PORT, DISCOVERY_INTERVAL, POLL_INTERVAL, TIMEOUT,
          POLL_THREADS, PROBE_ALLOW, POWERS);

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
