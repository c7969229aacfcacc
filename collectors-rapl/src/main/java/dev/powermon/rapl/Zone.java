package dev.powermon.rapl;

import java.nio.file.Path;
import java.util.List;

/**
 * One energy counter found on the machine: a powercap zone, or an MSR register in the fallback.
 *
 * @param id unique within its source ({@code intel-rapl:0:0}, {@code msr:0:package})
 * @param controlType {@code intel-rapl}, {@code intel-rapl-tpmi}, {@code intel-rapl-mmio}, {@code
 *     msr}…
 * @param counter the file to read ({@code energy_uj}, or {@code /dev/cpu/N/msr})
 * @param name the labels taken from the zone's name
 * @param maxRangeUj where the counter wraps, in microjoules; {@link #UNKNOWN_RANGE} when unreadable
 * @param limits the zone's power limits from {@code constraint_*}, possibly none
 */
record Zone(
    String id,
    String controlType,
    Path counter,
    ZoneName name,
    long maxRangeUj,
    List<PowerLimit> limits) {
  static final long UNKNOWN_RANGE = -1;

  /** A {@code constraint_N}: its name ({@code long_term}) and limit in microwatts. */
  record PowerLimit(String constraint, long microwatts) {}

  Zone withName(ZoneName newName) {
    return new Zone(id, controlType, counter, newName, maxRangeUj, limits);
  }

  Zone withMaxRange(long newMaxRangeUj) {
    return new Zone(id, controlType, counter, name, newMaxRangeUj, limits);
  }

  /** The key deduplication keeps one zone for. */
  String seriesKey() {
    return name.domain() + '/' + name.socket() + '/' + name.die();
  }
}
