package dev.powermon.kasa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code powers} setting: which host each plug, strip or strip outlet feeds, so the fleet
 * recording rules count that host's watts once, at the wall meter. Written {@code METER=HOST}, where
 * {@code METER} is a device id, alias or ip, or an outlet's alias or id, and {@code HOST} is the name
 * that host's own series carry in their {@code device} label (its host name for rapl, host, jetson,
 * macos and windows). Split at the last {@code =}: an alias may contain one, a host name may not.
 */
final class MeterCovers {
  static final MeterCovers NONE = new MeterCovers(Map.of());

  private final Map<String, String> hostByMeter;

  private MeterCovers(Map<String, String> hostByMeter) {
    this.hostByMeter = hostByMeter;
  }

  /**
   * Reads {@code METER=HOST} entries.
   *
   * @throws IllegalArgumentException naming the entry and saying how to write it
   */
  static MeterCovers parse(List<String> entries) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.lastIndexOf('=');
      String meter = eq < 0 ? "" : entry.substring(0, eq).trim();
      String host = eq < 0 ? "" : entry.substring(eq + 1).trim();
      if (meter.isEmpty() || host.isEmpty() || host.chars().anyMatch(c -> Character.isISOControl(c))) {
        throw new IllegalArgumentException("collectors.kasa.powers: '" + entry + "' is not METER=HOST; write the "
            + "plug's id, alias or ip (or an outlet's alias), '=', and the host name its series carry in 'device'");
      }
      String earlier = map.put(meter, host);
      if (earlier != null && !earlier.equals(host)) {
        throw new IllegalArgumentException("collectors.kasa.powers: '" + meter + "' is given twice ('" + earlier
            + "' and '" + host + "'); one meter feeds one host");
      }
    }
    return new MeterCovers(Map.copyOf(map));
  }

  /** The host the first of {@code names} that is configured feeds, or null. */
  String hostOf(String... names) {
    for (String name : names) {
      String host = name == null || name.isEmpty() ? null : hostByMeter.get(name);
      if (host != null) {
        return host;
      }
    }
    return null;
  }

  boolean isEmpty() {
    return hostByMeter.isEmpty();
  }

  /** The configured meters that name none of the devices that answered, sorted. */
  List<String> unmatched(List<DeviceState> states) {
    if (hostByMeter.isEmpty()) {
      return List.of(); // the usual case, checked at every scrape
    }
    Set<String> names = new HashSet<>();
    for (DeviceState state : states) {
      if (state.ok()) {
        SysInfo info = state.reading().info();
        names.addAll(Arrays.asList(info.deviceId(), info.alias(), state.ip()));
        info.outlets().forEach(o -> names.addAll(List.of(o.alias(), o.id())));
      }
    }
    List<String> out = new ArrayList<>();
    hostByMeter.keySet().stream().filter(m -> !names.contains(m)).sorted().forEach(out::add);
    return out;
  }
}
