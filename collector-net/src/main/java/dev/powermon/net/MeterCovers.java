package dev.powermon.net;

import dev.powermon.api.LabelValues;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code powers} setting of a wall meter's collector: which host each meter (a plug, a strip
 * outlet, a UPS, a meter's channel) feeds, so the fleet recording rules count that host's watts
 * once, at the meter. Written {@code METER=HOST}, where {@code METER} names the meter as its
 * collector does (an id, alias, address, or a UPS's {@code NAME@HOST:PORT}), and {@code HOST} is
 * the name that host's own series carry in their {@code device} label (its host name for rapl,
 * host, jetson, macos and windows). Split at the last {@code =}: a meter's name may contain one, a
 * host name may not.
 */
public final class MeterCovers {
  /**
   * The info series the fleet rules join on; every collector with a {@code powers} setting declares
   * it.
   */
  public static final MetricSpec SPEC =
      MetricSpec.gauge("powermon_meter_covers")
          .help(
              "Always 1: the wall meter (source, device, domain) feeds the host named in covers, from the "
                  + "powers setting; fleet totals count that host at the meter, not twice.")
          .labelNames("source", "device", "domain", "covers")
          .build();

  private final String setting;
  private final Map<String, String> hostByMeter;

  private MeterCovers(String setting, Map<String, String> hostByMeter) {
    this.setting = setting;
    this.hostByMeter = hostByMeter;
  }

  /**
   * Reads {@code METER=HOST} entries.
   *
   * @param setting {@code collectors.NAME.powers}, for error messages
   * @throws IllegalArgumentException naming the entry and saying how to write it
   */
  public static MeterCovers parse(String setting, List<String> entries) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.lastIndexOf('=');
      String meter = eq < 0 ? "" : entry.substring(0, eq).trim();
      String host = eq < 0 ? "" : entry.substring(eq + 1).trim();
      if (meter.isEmpty() || host.isEmpty() || host.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            setting
                + ": '"
                + entry
                + "' is not METER=HOST; write the meter's "
                + "name, '=', and the host name its series carry in 'device'");
      }
      String earlier = map.put(meter, host);
      if (earlier != null && !earlier.equals(host)) {
        throw new IllegalArgumentException(
            setting
                + ": '"
                + meter
                + "' is given twice ('"
                + earlier
                + "' and '"
                + host
                + "'); one meter feeds one host");
      }
    }
    return new MeterCovers(setting, Map.copyOf(map));
  }

  /** The host the first of {@code names} that is configured feeds, or null. */
  public String hostOf(String... names) {
    for (String name : names) {
      String host = name == null || name.isEmpty() ? null : hostByMeter.get(name);
      if (host != null) {
        return host;
      }
    }
    return null;
  }

  public boolean isEmpty() {
    return hostByMeter.isEmpty();
  }

  /**
   * The configured meters that are none of {@code names} (every name a meter that answered goes
   * by), sorted.
   */
  public List<String> unmatched(Collection<String> names) {
    List<String> out = new ArrayList<>();
    hostByMeter.keySet().stream().filter(m -> !names.contains(m)).sorted().forEach(out::add);
    return out;
  }

  /**
   * The labels of the {@link #SPEC} series of a meter point of {@code source} that feeds {@code
   * host}.
   */
  public static Labels labels(String source, String device, String domain, String host) {
    return PowerFamilies.labels(
        source, device, domain, Labels.of("covers", LabelValues.fromDevice(host)));
  }

  /** The setting's key, for the caller's own messages. */
  public String setting() {
    return setting;
  }
}
