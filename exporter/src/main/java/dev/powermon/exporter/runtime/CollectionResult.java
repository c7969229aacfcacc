package dev.powermon.exporter.runtime;

import dev.powermon.exporter.meta.CollectorOutcome;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * One collector's part of one scrape.
 *
 * @param snapshots what it returned, or null when it failed
 * @param error why it failed, or null
 */
public record CollectionResult(
    String collector, MetricSnapshots snapshots, double durationSeconds, String error)
    implements CollectorOutcome {
  @Override
  public boolean success() {
    return error == null;
  }
}
