package dev.powermon.api;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * A collector that can also poll one named target on demand, for the blackbox-style {@code
 * /probe?target=HOST} endpoint that relabelling configs use.
 */
public interface MultiTargetCollector extends Collector {

  /**
   * Polls {@code target} now and returns only its metrics.
   *
   * @throws TargetNotAllowedException when the target is outside what the operator allowed (HTTP
   *     403)
   * @throws Exception when the poll failed; the core still answers with the collector's success
   *     metric
   */
  MetricSnapshots collectTarget(String target) throws Exception;
}
