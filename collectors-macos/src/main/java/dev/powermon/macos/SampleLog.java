package dev.powermon.macos;

import dev.powermon.api.PowerReadings;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What one source has delivered. Each window's power per domain goes to the core as a reading (the core
 * integrates the energy, builds the unified families, windows and remote-write); kept here is only what
 * a scrape or the summary needs: the last window's power, samples rejected, restarts and when the last
 * sample came. Written by a sampler thread, read by scrapes.
 */
final class SampleLog {
  private final PowerReadings readings;
  private final Clock clock;
  private final String device;
  private final Map<String, Double> watts = new TreeMap<>();
  private final Map<String, Long> rejected = new TreeMap<>();
  private long restarts;
  private long lastSampleNanos;
  private boolean sampled;

  SampleLog(PowerReadings readings, Clock clock, String device) {
    this.readings = readings;
    this.clock = clock;
    this.device = device;
  }

  /**
   * Files a window: each domain's mean power, as a reading at the window's end. Domains missing from it
   * get no reading: unknown is never 0 W.
   */
  synchronized void record(PowerSample sample, long nanoTime) {
    long now = clock.millis();
    watts.clear();
    sample.domains().forEach((domain, e) -> {
      watts.put(domain, e.watts());
      readings.watts(device, domain, Labels.EMPTY, now, e.watts());
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
    return new View(new TreeMap<>(watts), new TreeMap<>(rejected), restarts,
        sampled ? OptionalLong.of(lastSampleNanos) : OptionalLong.empty());
  }

  /** A consistent copy for one scrape. */
  record View(Map<String, Double> watts, Map<String, Long> rejected, long restarts, OptionalLong lastSampleNanos) {}
}
