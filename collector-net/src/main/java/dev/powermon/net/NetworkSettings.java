package dev.powermon.net;

import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;

/**
 * The settings every networked collector shares, declared once so that their names, ranges and
 * validation agree from one collector to the next: {@code target}, {@code credentials-file}, {@code
 * interval}, {@code timeout}, {@code poll-threads} and {@code probe-allow}. Each collector declares
 * the ones it takes, with help in its own words.
 */
public final class NetworkSettings {
  /** Networks (CIDR) that {@code /probe?target=} may reach besides the configured targets. */
  public static final SettingSpec PROBE_ALLOW =
      SettingSpec.builder("probe-allow", SettingType.STRING)
          .list()
          .help("Networks (CIDR) that /probe?target= may reach besides the configured targets.")
          .build();

  private NetworkSettings() {}

  /**
   * The repeatable {@code target}, checked at load as {@code host[:port]} with {@code defaultPort}.
   */
  public static SettingSpec target(int defaultPort, String help) {
    return SettingSpec.builder("target", SettingType.STRING)
        .list()
        .check(
            text -> isHostPort((String) text, defaultPort),
            "must be host or host:port (IPv6 as [addr]:port)")
        .help(help)
        .build();
  }

  /**
   * {@code powers}: which host each meter feeds, {@code METER=HOST} ({@link MeterCovers}), checked
   * at load; {@code meters} says what names a meter goes by in this collector.
   */
  public static SettingSpec powers(String collector, String meters) {
    return SettingSpec.builder("powers", SettingType.STRING)
        .list()
        .check(
            text -> {
              try {
                MeterCovers.parse(
                    "collectors." + collector + ".powers", java.util.List.of((String) text));
                return true;
              } catch (IllegalArgumentException e) {
                return false;
              }
            },
            "must be METER=HOST: "
                + meters
                + ", '=', and the host name its series carry in 'device'")
        .help(
            "Which host a meter feeds, as METER=HOST: METER is "
                + meters
                + "; HOST is the name that host's"
                + " own series carry in 'device'. Exported as powermon_meter_covers, so fleet totals count the host"
                + " once, at the meter. Repeat for several.")
        .build();
  }

  /** {@code credentials-file}: a {@link DeviceCredentials} file, optional. */
  public static SettingSpec credentialsFile(String help) {
    return SettingSpec.builder("credentials-file", SettingType.PATH).help(help).build();
  }

  /** {@code interval}: how often the background poller runs, 1 s to 1 h. */
  public static SettingSpec interval(String defaultValue) {
    return SettingSpec.builder("interval", SettingType.DURATION)
        .defaultValue(defaultValue)
        .min("1s")
        .max("1h")
        .help(
            "How often every target is polled in the background; /metrics answers from the last poll.")
        .build();
  }

  /** {@code timeout}: the overall deadline of one target's poll, 10 ms to 1 min. */
  public static SettingSpec timeout(String help) {
    return SettingSpec.builder("timeout", SettingType.DURATION)
        .defaultValue("2s")
        .min("10ms")
        .max("1m")
        .help(help)
        .build();
  }

  /** {@code poll-threads}: targets polled at once; a dead target holds one for its timeout. */
  public static SettingSpec pollThreads(String defaultValue) {
    return SettingSpec.builder("poll-threads", SettingType.INTEGER)
        .defaultValue(defaultValue)
        .min("1")
        .max("256")
        .help("Targets polled at once; a dead target holds one thread for the timeout.")
        .build();
  }

  private static boolean isHostPort(String text, int defaultPort) {
    try {
      HostPort.parse(text, defaultPort);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
