package dev.powermon.exporter.window;

import dev.powermon.api.CounterLedger;
import dev.powermon.api.EnergyIntegrator;
import dev.powermon.api.PowerReadings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * One series' readings of the last {@link PowerReadings#WINDOW_SECONDS} seconds, the highest and
 * lowest power of the last {@link PowerReadings#EXTREMES_SECONDS} seconds, and its energy counter.
 * The mean's window ends at the latest reading and starts at the latest reading at least the
 * window's length older (or the oldest kept); the extremes are kept per second of the reading's
 * time, in constant memory. All are the same whoever asks and however often. Thread-safe.
 */
final class Window {
  static final long WINDOW_MILLIS = PowerReadings.WINDOW_SECONDS * 1000L;

  /**
   * Readings kept at most: 10 s at the 10 ms sampling floor, with room to spare; older ones are
   * dropped.
   */
  static final int MAX_READINGS = 2048;

  /**
   * The longest gap between two watt readings that is still integrated (a device that was away adds
   * nothing).
   */
  static final Duration MAX_GAP = Duration.ofMinutes(5);

  /**
   * What the window says: mean, max and min power in watts (NaN when unknown), and the energy
   * counter.
   */
  record Stats(double meanWatts, double maxWatts, double minWatts, double energyJoules) {}

  /**
   * What a reading changed, for remote-write: its time, the energy counter, the power at it (NaN if
   * unknown).
   */
  record Accepted(long epochMillis, double energyJoules, double watts) {}

  /** One reading: its time, the energy behind the power statistics so far, the power at it. */
  private record Entry(long millis, double joules, double watts) {}

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private final EnergyIntegrator integrator = new EnergyIntegrator(MAX_GAP);
  private final CounterLedger counter = new CounterLedger();
  private final long[] bucketSecond = new long[PowerReadings.EXTREMES_SECONDS];
  private final double[] bucketMax = new double[PowerReadings.EXTREMES_SECONDS];
  private final double[] bucketMin = new double[PowerReadings.EXTREMES_SECONDS];
  private boolean hasCounter;
  private long lastMillis = Long.MIN_VALUE;

  Window() {
    Arrays.fill(bucketSecond, Long.MIN_VALUE); // no second seen yet
  }

  /**
   * Adds a reading: {@code watts} or {@code joules} (or both) finite.
   *
   * @return what it changed, or null when it is ignored (not newer than the last, or nothing
   *     usable)
   */
  synchronized Accepted add(long millis, double watts, double joules) {
    boolean hasWatts = Double.isFinite(watts) && watts >= 0;
    boolean hasJoules = Double.isFinite(joules) && joules >= 0;
    if (millis <= lastMillis || !(hasWatts || hasJoules)) {
      return null;
    }
    Entry previous = entries.peekLast();
    double powerJoules;
    double pointWatts;
    if (hasJoules) {
      hasCounter = true;
      counter.add(joules);
    }
    if (hasWatts) {
      powerJoules = integrator.add(millis, watts);
      pointWatts = watts;
    } else {
      powerJoules = counter.total();
      pointWatts =
          previous == null
              ? Double.NaN
              : (powerJoules - previous.joules()) * 1000.0 / (millis - previous.millis());
    }
    lastMillis = millis;
    entries.addLast(new Entry(millis, powerJoules, pointWatts));
    if (Double.isFinite(pointWatts)) {
      extremes(millis, pointWatts);
    }
    trim();
    return new Accepted(millis, energy(), pointWatts);
  }

  /** The window's statistics; null before the first reading. */
  synchronized Stats stats() {
    if (entries.isEmpty()) {
      return null;
    }
    Entry first = entries.peekFirst();
    Entry last = entries.peekLast();
    double mean =
        last.millis() > first.millis()
            ? (last.joules() - first.joules()) * 1000.0 / (last.millis() - first.millis())
            : last.watts();
    double max = Double.NaN;
    double min = Double.NaN;
    long newest = Math.floorDiv(lastMillis, 1000L);
    for (int i = 0; i < bucketSecond.length; i++) {
      if (bucketSecond[i] > newest - bucketSecond.length) {
        max = Double.isNaN(max) ? bucketMax[i] : Math.max(max, bucketMax[i]);
        min = Double.isNaN(min) ? bucketMin[i] : Math.min(min, bucketMin[i]);
      }
    }
    return new Stats(mean, max, min, energy());
  }

  /**
   * The power of each of the last 60 seconds ending at the latest reading, oldest first: the middle
   * of the second's extremes, NaN for a second without a reading. What the landing page draws as a
   * sparkline.
   */
  synchronized double[] trace() {
    double[] out = new double[bucketSecond.length];
    long newest = Math.floorDiv(lastMillis, 1000L);
    for (int k = 0; k < out.length; k++) {
      long second = newest - out.length + 1 + k;
      int i = (int) Math.floorMod(second, (long) bucketSecond.length);
      out[k] = bucketSecond[i] == second ? (bucketMax[i] + bucketMin[i]) / 2 : Double.NaN;
    }
    return out;
  }

  /**
   * Keeps {@code watts} in the bucket of its second, which it takes over when it held an older
   * second.
   */
  private void extremes(long millis, double watts) {
    long second = Math.floorDiv(millis, 1000L);
    int i = (int) Math.floorMod(second, (long) bucketSecond.length);
    if (bucketSecond[i] != second) {
      bucketSecond[i] = second;
      bucketMax[i] = watts;
      bucketMin[i] = watts;
    } else {
      bucketMax[i] = Math.max(bucketMax[i], watts);
      bucketMin[i] = Math.min(bucketMin[i], watts);
    }
  }

  private double energy() {
    return hasCounter ? counter.total() : integrator.joules();
  }

  /** Drops readings before the window's anchor, and the oldest beyond {@link #MAX_READINGS}. */
  private void trim() {
    long start = entries.peekLast().millis() - WINDOW_MILLIS;
    while (entries.size() > 1) {
      Iterator<Entry> it = entries.iterator();
      it.next();
      if (it.next().millis() <= start || entries.size() > MAX_READINGS) {
        entries.removeFirst();
      } else {
        break;
      }
    }
  }
}
