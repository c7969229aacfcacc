package dev.powermon.kasa;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.net.MeterCovers;
import dev.powermon.net.ProbeAllowList;
import java.util.List;

/**
 * TP-Link Kasa plugs, strips and bulbs over the legacy protocol, and Kasa and Tapo devices over
 * KLAP. Networked: never enabled unless named.
 */
public final class KasaProvider implements CollectorProvider {
  static final SettingSpec TARGET =
      SettingSpec.builder("target", SettingType.STRING)
          .list()
          .check(
              text -> valid(() -> TargetSyntax.parse((String) text, 9999)),
              "must be host, host:port, [v6]:port, or klap:// or aes:// before any of them")
          .help(
              "Device to poll: host or host:port for the legacy protocol, klap://host[:port] or "
                  + "aes://host[:port] (port 80 unless given) for a device that speaks only KLAP or AES; repeat for "
                  + "several.")
          .build();
  static final SettingSpec CREDENTIALS_FILE =
      SettingSpec.builder("credentials-file", SettingType.STRING)
          .help(
              "YAML file (username, password; chmod 600) with the TP-Link cloud account KLAP and AES devices "
                  + "are bound to; TP-Link's documented default accounts are tried after it, or alone without it.")
          .build();
  static final SettingSpec DISCOVERY =
      SettingSpec.builder("discovery", SettingType.BOOLEAN)
          .help(
              "Find devices by UDP broadcast; unset means on when no target is given, off otherwise.")
          .build();
  static final SettingSpec DISCOVERY_ADDRESS =
      SettingSpec.builder("discovery-address", SettingType.STRING)
          .defaultValue("255.255.255.255")
          .help("Where discovery probes go: a broadcast address (e.g. 192.168.1.255) or one host.")
          .build();
  static final SettingSpec PORT =
      SettingSpec.builder("port", SettingType.INTEGER)
          .defaultValue("9999")
          .min("1")
          .max("65535")
          .help("Device port for TCP polls and UDP discovery, and the default port of targets.")
          .build();
  static final SettingSpec HTTP_PORT =
      SettingSpec.builder("http-port", SettingType.INTEGER)
          .defaultValue("80")
          .min("1")
          .max("65535")
          .help(
              "HTTP port where a host or host:port target whose legacy port refuses connections is tried for "
                  + "KLAP, then AES.")
          .build();
  static final SettingSpec KLAP_PORT =
      SettingSpec.builder("discovery-klap-port", SettingType.INTEGER)
          .defaultValue("20002")
          .min("1")
          .max("65535")
          .help(
              "UDP port probed for devices that answer only the newer protocols (KLAP and AES are then polled; HTTPS and TPAP listed).")
          .build();
  static final SettingSpec DISCOVERY_INTERVAL =
      SettingSpec.builder("discovery-interval", SettingType.DURATION)
          .defaultValue("60s")
          .min("1s")
          .help("How often discovery runs.")
          .build();
  static final SettingSpec POLL_INTERVAL =
      SettingSpec.builder("poll-interval", SettingType.DURATION)
          .defaultValue("10s")
          .min("100ms")
          .help("How often every device is polled; /metrics answers from the last poll.")
          .build();
  static final SettingSpec TIMEOUT =
      SettingSpec.builder("timeout", SettingType.DURATION)
          .defaultValue("2s")
          .min("10ms")
          .max("1m")
          .help(
              "Overall deadline of one request to a device (connect, send, whole reply); a whole poll gets twice this.")
          .build();
  static final SettingSpec POLL_THREADS =
      SettingSpec.builder("poll-threads", SettingType.INTEGER)
          .defaultValue("64")
          .min("1")
          .max("1024")
          .help(
              "Devices that answered their last poll polled at once; new and failing ones (perhaps dead, each holding a thread for the timeout) start at once on threads of their own, up to 256.")
          .build();
  static final SettingSpec PROBE_ALLOW =
      SettingSpec.builder("probe-allow", SettingType.STRING)
          .list()
          .check(
              text ->
                  valid(
                      () ->
                          ProbeAllowList.parse(
                              "collectors.kasa.probe-allow", List.of((String) text))),
              "must be an IP address or CIDR")
          .help(
              "Addresses or CIDRs /probe?target= may poll besides the targets (e.g. 192.168.1.0/24).")
          .build();
  static final SettingSpec POWERS =
      SettingSpec.builder("powers", SettingType.STRING)
          .list()
          .check(
              text ->
                  valid(() -> MeterCovers.parse("collectors.kasa.powers", List.of((String) text))),
              "must be METER=HOST: a plug's id, alias or ip (or an outlet's alias), '=', and the host name its "
                  + "series carry in 'device'")
          .help(
              "Which host a plug or outlet feeds, as METER=HOST: METER is a device id, alias or ip, or an "
                  + "outlet's alias; HOST is the name that host's own series carry in 'device'. Exported as "
                  + "powermon_meter_covers, so fleet totals count the host once, at the plug. Repeat for several.")
          .build();

  static final List<SettingSpec> SETTINGS =
      List.of(
          TARGET,
          CREDENTIALS_FILE,
          DISCOVERY,
          DISCOVERY_ADDRESS,
          PORT,
          HTTP_PORT,
          KLAP_PORT,
          DISCOVERY_INTERVAL,
          POLL_INTERVAL,
          TIMEOUT,
          POLL_THREADS,
          PROBE_ALLOW,
          POWERS);

  @Override
  public String name() {
    return "kasa";
  }

  @Override
  public String description() {
    return "TP-Link Kasa and Tapo smart plugs, strips and bulbs on the LAN (legacy protocol on TCP/UDP 9999, KLAP "
        + "over HTTP).";
  }

  @Override
  public List<SettingSpec> settings() {
    return SETTINGS;
  }

  @Override
  public List<MetricSpec> metrics() {
    return KasaFamilies.ALL;
  }

  @Override
  public boolean networked() {
    return true;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    try {
      KasaSettings s = KasaSettings.from(context.settings());
      String found = s.targets().size() + " target(s)";
      return ProbeResult.available(
          s.discovery()
              ? found + ", discovery via " + s.discoveryAddress() + ":" + s.port()
              : found);
    } catch (IllegalArgumentException e) {
      return ProbeResult.unavailable(e.getMessage());
    }
  }

  @Override
  public Collector open(CollectorContext context) throws Exception {
    return KasaCollector.open(context);
  }

  /** Whether {@code parse} accepts its value; the check of a setting that has its own parser. */
  private static boolean valid(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
