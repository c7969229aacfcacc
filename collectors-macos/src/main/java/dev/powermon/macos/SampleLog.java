package dev.powermon.macos;

import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import dev.powermon.oshi.PackageEnergy;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What one source has delivered. Each window goes to the core as a reading per domain (the core
 * builds the unified families, windows and remote-write): the window's mean power, and the source's
 * own energy counter, the sum of the energy each window reported (powermetrics' {@code *_energy},
 * IOReport's counters). The source measures energy per window, so summing it is exact, and a burst
 * of windows that arrive at once (buffered output) loses nothing; a domain the source reports as
 * power only (the battery) gets power readings, which the core integrates. Kept here besides is
 * what a scrape or the summary needs: the last window's power, samples rejected, restarts and when
 * the last sample came. Written by a sampler thread, read by scrapes.
 */
final class SampleLog {
  private final PowerReadings readings;
  private final Clock clock;
  private final String device;
  private final boolean energyReported;
  private final Map<String, Double> watts = new TreeMap<>();
  private final Map<String, Double> joules = new TreeMap<>();
  private final Map<String, Long> rejected = new TreeMap<>();
  private long restarts;
  private long lastSampleNanos;
  private boolean sampled;

  /**
   * @param energyReported whether the source measures each window's energy, not only its power
   */
  SampleLog(PowerReadings readings, Clock clock, String device, boolean energyReported) {
    this.readings = readings;
    this.energyReported = energyReported;
    this.clock = clock;
    this.device = device;
  }

  /**
   * Files a window, as a reading per domain at its end. Domains missing from it get no reading:
   * unknown is never 0 W.
   */
  synchronized void record(PowerSample sample, long nanoTime) {
    long now = clock.millis();
    watts.clear();
    sample
        .domains()
        .forEach(
            (domain, e) -> {
              watts.put(domain, e.watts());
              boolean forProcesses = domain.equals(PowerFamilies.TOTAL_DOMAIN);
              if (energyReported) {
                double total = joules.merge(domain, e.joules(), Double::sum);
                readings.wattsAndJoules(device, domain, Labels.EMPTY, now, e.watts(), total);
                if (forProcesses) {
                  PackageEnergy.SHARED.joules("macos", now, total);
                }
              } else {
                readings.watts(device, domain, Labels.EMPTY, now, e.watts());
                if (forProcesses) {
                  PackageEnergy.SHARED.watts("macos", now, e.watts());
                }
              }
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
        new TreeMap<>(watts),
        new TreeMap<>(rejected),
        restarts,
        sampled ? OptionalLong.of(lastSampleNanos) : OptionalLong.empty());
  }

  /** A consistent copy for one scrape. */
  record View(
      Map<String, Double> watts,
      Map<String, Long> rejected,
      long restarts,
      OptionalLong lastSampleNanos) {}
}
