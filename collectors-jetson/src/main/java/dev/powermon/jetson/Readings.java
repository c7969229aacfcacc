package dev.powermon.jetson;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one scrape exports, taken at once so that a scrape never mixes two samples.
 *
 * @param sample the latest good tegrastats line, absent when none is fresh
 * @param railWatts each rail's latest power, from sysfs when readable, else from tegrastats; empty when
 *     the rails' source has no fresh reading
 * @param railJoules each rail's energy since the collector started
 * @param railSource "sysfs" or "tegrastats", for the summary and the failure message
 * @param power whether the rails' source has read within the staleness bound, and when it last did
 * @param tegrastats tegrastats' health, absent when it is not run
 * @param sysfsUp whether the INA monitors were read on the last sample, absent when none were found
 * @param untracked readings dropped because their name is beyond {@link NameLimits}, per kind
 * @param parseProblems fields that could not be read, per field
 */
record Readings(
    Optional<TegrastatsSample> sample,
    Map<String, Double> railWatts,
    Map<String, Double> railJoules,
    String railSource,
    Freshness power,
    Optional<TegrastatsHealth> tegrastats,
    Optional<Boolean> sysfsUp,
    Map<String, Long> untracked,
    Map<String, Long> parseProblems) {

  /** Whether a source's last good reading is recent enough to serve, and when it was taken. */
  record Freshness(boolean fresh, Optional<Instant> last) {}

  /**
   * Counters about the tegrastats process and what it printed.
   *
   * @param up running and printed a good line within the staleness bound
   * @param droppedLines lines not used, per reason ({@link TegrastatsProcess.Drop})
   */
  record TegrastatsHealth(boolean up, long lines, Map<String, Long> droppedLines, long unknownTokens, long restarts) {}
}
