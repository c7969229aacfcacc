package dev.powermon.api;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;

/** What the core hands a collector. Everything a collector needs from outside comes through here. */
public interface CollectorContext {

  /** The collector's settings, already parsed and validated against {@link CollectorProvider#settings()}. */
  Settings settings();

  /**
   * A scheduler shared by all collectors for periodic sampling. Tasks must be short: blocking I/O on
   * slow devices belongs on the collector's own bounded executor, scheduled from here.
   */
  ScheduledExecutorService scheduler();

  /** Wall clock, for timestamps. */
  Clock clock();

  /** Monotonic nanoseconds, for measuring intervals between samples ({@link System#nanoTime()} in production). */
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
   * Where a background sampler hands every reading of the series it exports with {@code source} as their
   * {@code source} label, for per-window statistics and high-rate push. Samplers that take a reading per
   * interval should call it once per series per reading. Contexts that keep no windows discard them.
   */
  default PowerSampleSink powerSamples(String source) {
    return PowerSampleSink.DISCARD;
  }
}
