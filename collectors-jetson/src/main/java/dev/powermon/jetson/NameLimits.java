package dev.powermon.jetson;

import dev.powermon.api.LabelValues;
import dev.powermon.jetson.TegrastatsSample.CpuCore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Bounds what the device can make the collector track. Sensors, rails, engines and CPU cores are
 * named by what tegrastats prints; the first {@link #PER_KIND} distinct names of each kind are
 * tracked, and a reading under any further name is dropped and counted. A board has at most a few
 * dozen, so only a misbehaving or hostile tegrastats reaches the limit, and then the series and the
 * metric table stay bounded. Logs once per kind when the limit is first reached.
 */
final class NameLimits {
  static final int PER_KIND = 64;

  /** What the device names. */
  enum Kind {
    SENSOR,
    RAIL,
    ENGINE,
    CPU;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Logger log;
  private final Map<Kind, Set<String>> tracked = new HashMap<>();
  private final Map<Kind, Long> dropped = new HashMap<>();

  NameLimits(Logger log) {
    this.log = log;
  }

  /** Whether a reading named {@code name} is tracked; counts it as dropped when not. */
  synchronized boolean admit(Kind kind, String name) {
    Set<String> names = tracked.computeIfAbsent(kind, k -> new LinkedHashSet<>());
    if (names.contains(name)) {
      return true;
    }
    if (names.size() < PER_KIND) {
      names.add(name);
      return true;
    }
    if (dropped.merge(kind, 1L, Long::sum) == 1) {
      log.warn(
          "More than {} distinct {} names seen (the latest '{}'); readings under new names are dropped and"
              + " counted in jetson_untracked_readings_total. Check what tegrastats prints.",
          PER_KIND,
          kind.label(),
          LabelValues.fromDevice(name));
    }
    return false;
  }

  /** Readings dropped per kind, by label value; kinds never over the limit are absent. */
  synchronized Map<String, Long> dropped() {
    Map<String, Long> out = new TreeMap<>();
    dropped.forEach((k, n) -> out.put(k.label(), n));
    return out;
  }

  /** {@code s} without the readings whose names are beyond the limits. */
  TegrastatsSample limit(TegrastatsSample s) {
    List<CpuCore> cores =
        s.cores().stream()
            .filter(c -> admit(Kind.CPU, Integer.toString(c.index())))
            .collect(Collectors.toList());
    return new TegrastatsSample(
        s.timestamp(),
        s.ram(),
        s.swap(),
        cores,
        admitted(Kind.ENGINE, s.engines()),
        admitted(Kind.SENSOR, s.temperatures()),
        s.offlineSensors().stream()
            .filter(n -> admit(Kind.SENSOR, n))
            .collect(Collectors.toCollection(LinkedHashSet::new)),
        admitted(Kind.RAIL, s.rails()),
        s.recognizedTokens(),
        s.unknownTokens(),
        s.problems());
  }

  private <V> Map<String, V> admitted(Kind kind, Map<String, V> readings) {
    Map<String, V> out = new LinkedHashMap<>();
    readings.forEach(
        (name, v) -> {
          if (admit(kind, name)) {
            out.put(name, v);
          }
        });
    return out;
  }
}
