package dev.powermon.macos;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What one source has measured so far: energy per domain since the exporter started (never decreasing), the
 * power of the last window, and samples it had to reject. Written by a sampler thread, read by scrapes.
 */
final class PowerLedger {
  private final Map<String, Double> joules = new TreeMap<>();
  private final Map<String, Double> watts = new TreeMap<>();
  private final Map<String, Long> rejected = new TreeMap<>();
  private long restarts;
  private long lastSampleNanos;
  private boolean sampled;

  /** Adds a window; the power of domains missing from it is unknown until the next window has them. */
  synchronized void record(PowerSample sample, long nanoTime) {
    watts.clear();
    sample.domains().forEach((domain, e) -> {
      watts.put(domain, e.watts());
      joules.merge(domain, e.joules(), Double::sum);
    });
    sample.invalid().forEach((field, reason) -> reject("invalid_value"));
    lastSampleNanos = nanoTime;
    sampled = true;
  }

  synchronized void reject(String reason) {
    rejected.merge(reason, 1L, Long::sum);
  }

  synchronized void restarted() {
    restarts++;
  }

  synchronized View view() {
    return new View(
        new TreeMap<>(watts), new TreeMap<>(joules), new TreeMap<>(rejected), restarts,
        sampled ? OptionalLong.of(lastSampleNanos) : OptionalLong.empty());
  }

  /** A consistent copy for one scrape. */
  record View(
      Map<String, Double> watts,
      Map<String, Double> joules,
      Map<String, Long> rejected,
      long restarts,
      OptionalLong lastSampleNanos) {}
}
