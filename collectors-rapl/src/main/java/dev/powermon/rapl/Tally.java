package dev.powermon.rapl;

import dev.powermon.rapl.Readings.ZoneReason;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sampler's ever-increasing counts: wraps, dropped samples and read errors. */
final class Tally {
  private final Map<String, Long> wraps = new LinkedHashMap<>();
  private final Map<ZoneReason, Long> drops = new LinkedHashMap<>();
  private final Map<ZoneReason, Long> readErrors = new LinkedHashMap<>();

  /** Makes the zone's wrap counter visible at 0 before its first wrap. */
  void watch(String zone) {
    wraps.putIfAbsent(zone, 0L);
  }

  void wrap(String zone) {
    wraps.merge(zone, 1L, Long::sum);
  }

  void drop(String zone, ZoneCounter.Step step) {
    drops.merge(new ZoneReason(zone, dropReason(step)), 1L, Long::sum);
  }

  void readError(String zone, ReadError reason) {
    readErrors.merge(new ZoneReason(zone, reason.label()), 1L, Long::sum);
  }

  Map<String, Long> wraps() {
    return copy(wraps);
  }

  Map<ZoneReason, Long> drops() {
    return copy(drops);
  }

  Map<ZoneReason, Long> readErrors() {
    return copy(readErrors);
  }

  private static <K> Map<K, Long> copy(Map<K, Long> counts) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  private static String dropReason(ZoneCounter.Step step) {
    switch (step) {
      case RESET:
        return "reset";
      case UNKNOWN_RANGE:
        return "unknown_range";
      case RANGE_CHANGED:
        return "range_changed";
      default:
        return "out_of_range";
    }
  }
}
