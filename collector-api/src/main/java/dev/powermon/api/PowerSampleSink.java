package dev.powermon.api;

import io.prometheus.metrics.model.snapshots.Labels;

/**
 * Where a collector's background sampler hands every energy reading it takes, so the core can serve
 * per-window statistics (highest and lowest power between two readings, the energy-weighted mean since
 * the last scrape) and push each reading with its own timestamp. Get one from {@link
 * CollectorContext#powerSamples(String)}.
 *
 * @deprecated use {@link PowerReadings}, which also feeds the unified families; this goes once the last
 *     collector has migrated (issue #12)
 */
@Deprecated(forRemoval = true)
@FunctionalInterface
public interface PowerSampleSink {
  /** Takes nothing: what contexts that keep no windows (probes, tests) hand out. */
  PowerSampleSink DISCARD = (device, domain, extra, epochMillis, joulesTotal) -> {};

  /**
   * One reading of one series: the same series the collector exports through {@link PowerFamilies}
   * (same device, domain and extra labels). Cheap and never blocking; call it from the sampler thread.
   *
   * @param epochMillis when the reading was taken, from {@link CollectorContext#clock()}
   * @param joulesTotal the series' energy counter at that moment, in joules (as exported in {@link
   *     PowerFamilies#ENERGY}); a value below the previous one starts a new window
   */
  void record(String device, String domain, Labels extra, long epochMillis, double joulesTotal);
}
