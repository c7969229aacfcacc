package dev.powermon.jetson;

import java.util.Map;
import java.util.Optional;

/**
 * What one scrape exports besides power (which goes to the core as readings), taken at once so that
 * a scrape never mixes two samples.
 *
 * @param sample the latest good tegrastats line, absent when none is fresh
 * @param railWatts each rail's power in the latest sample, for the seed families and the summary
 * @param railSource "sysfs" or "tegrastats", for the summary
 * @param tegrastats tegrastats' health, absent when it is not run
 * @param sysfsUp whether the INA monitors were read on the last sample, absent when none were found
 * @param untracked readings dropped because their name is beyond {@link NameLimits}, per kind
 */
record Readings(
    Optional<TegrastatsSample> sample,
    Map<String, Double> railWatts,
    String railSource,
    Optional<TegrastatsHealth> tegrastats,
    Optional<Boolean> sysfsUp,
    Map<String, Long> untracked) {

  /**
   * Counters about the tegrastats process and what it printed.
   *
   * @param up running and printed a good line within the staleness bound
   * @param droppedLines lines not used, per reason ({@link TegrastatsSource.Drop})
   */
  record TegrastatsHealth(
      boolean up, long lines, Map<String, Long> droppedLines, long unknownTokens, long restarts) {}
}
