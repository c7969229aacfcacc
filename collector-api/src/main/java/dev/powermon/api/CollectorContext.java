package dev.powermon.api;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;

/**
 * What the core hands a collector. Everything a collector needs from outside comes through here.
 */
public interface CollectorContext {

  /**
   * The collector's settings, already parsed and validated against {@link
   * CollectorProvider#settings()}.
   */
  Settings settings();

  /**
   * A scheduler shared by all collectors for periodic sampling. Tasks must be short: blocking I/O
   * on slow devices belongs on the collector's own bounded executor, scheduled from here.
   */
  ScheduledExecutorService scheduler();

  /** Wall clock, for timestamps. */
  Clock clock();

  /**
   * Monotonic nanoseconds, for measuring intervals between samples ({@link System#nanoTime()} in
   * production).
   */
  long nanoTime();

  /** This machine's host name, the default {@code device} label of host-level power series. */
  String hostname();

  /** The collector's logger. Log state changes, not every failed sample. */
  Logger logger();

  /**
   * True when another enabled collector measures this host's power ({@link
   * CollectorProvider#measuresHostPower()}), so an estimate would only duplicate it.
   */
  boolean hostPowerMeasured();

  /**
   * Where the collector hands every power reading of {@code source} (its {@code source} label),
   * with the meter class of that source; see {@link PowerReadings}. Call once per source at open
   * and keep it. Contexts that keep no readings (probes) discard them.
   */
  default PowerReadings powerReadings(String source, MeterClass meterClass) {
    return PowerReadings.DISCARD;
  }

  /**
   * Where parsers report unusable fields ({@link ParseProblems}). By default problems are only
   * logged, once per change of state; the core also counts them.
   */
  default ParseProblems problems() {
    StateLog log = new StateLog(logger());
    return new ParseProblems() {
      @Override
      public void problem(String field, String reason) {
        log.failing(field, reason);
      }

      @Override
      public void ok(String field) {
        log.ok(field, "readable again");
      }
    };
  }
}
