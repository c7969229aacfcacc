package dev.powermon.exporter.window;

/**
 * One series' power since the last scrape, from its sampler's energy readings. Keeps the reading the
 * window starts at, the latest one, and the highest and lowest power between two consecutive readings:
 * exact statistics in constant memory, however fast the sampler runs.
 */
final class Window {
  /** What a window says about its span. */
  record Stats(double meanWatts, double maxWatts, double minWatts) {}

  private long startMillis = -1;
  private double startJoules;
  private long lastMillis = -1;
  private double lastJoules;
  private double max = Double.NaN;
  private double min = Double.NaN;

  /**
   * Adds a reading.
   *
   * @return the power since the previous reading in watts; NaN for the first reading and after a counter
   *     reset (both start the window afresh); null when the reading is not newer than the last one, which
   *     is then ignored
   */
  synchronized Double add(long millis, double joules) {
    if (lastMillis >= 0 && millis <= lastMillis) {
      return null;
    }
    if (lastMillis < 0 || joules < lastJoules || !Double.isFinite(joules)) {
      startMillis = millis;
      startJoules = joules;
      lastMillis = millis;
      lastJoules = joules;
      max = Double.NaN;
      min = Double.NaN;
      return Double.NaN;
    }
    double watts = (joules - lastJoules) * 1000.0 / (millis - lastMillis);
    lastMillis = millis;
    lastJoules = joules;
    max = Double.isNaN(max) ? watts : Math.max(max, watts);
    min = Double.isNaN(min) ? watts : Math.min(min, watts);
    return watts;
  }

  /**
   * Mean (energy over the window divided by its length), max and min since the window started, or null
   * when no two readings span it.
   *
   * @param restart start the next window at the latest reading, in the same step so no reading falls
   *     between two windows
   */
  synchronized Stats stats(boolean restart) {
    Stats stats = startMillis < 0 || lastMillis <= startMillis
        ? null
        : new Stats((lastJoules - startJoules) * 1000.0 / (lastMillis - startMillis), max, min);
    if (restart) {
      startMillis = lastMillis;
      startJoules = lastJoules;
      max = Double.NaN;
      min = Double.NaN;
    }
    return stats;
  }
}
