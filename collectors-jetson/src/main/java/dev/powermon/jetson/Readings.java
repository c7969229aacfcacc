package dev.powermon.jetson;

import java.util.Map;
import java.util.Optional;

/**
 * Everything one scrape exports, taken at once so that a scrape never mixes two samples.
 *
 * @param sample the latest good tegrastats line, absent when none is fresh
 * @param railWatts each rail's latest power, from sysfs when readable, else from tegrastats
 * @param railJoules each rail's energy since the collector started
 * @param railSource "sysfs", "tegrastats" or "none", for the summary
 * @param tegrastats tegrastats' health, absent when it is not run
 * @param sysfsUp whether the INA monitors were read on the last sample, absent when none were found
 */
record Readings(
    Optional<TegrastatsSample> sample,
    Map<String, Double> railWatts,
    Map<String, Double> railJoules,
    String railSource,
    Optional<TegrastatsHealth> tegrastats,
    Optional<Boolean> sysfsUp) {

  /** Counters about the tegrastats process and what it printed. */
  record TegrastatsHealth(boolean running, long lines, long badLines, long unknownTokens, long restarts) {}
}
