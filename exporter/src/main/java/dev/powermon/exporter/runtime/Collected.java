package dev.powermon.exporter.runtime;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * One complete collection, as served to every scrape within its reuse window.
 *
 * @param snapshots what a scrape serves; immutable
 * @param sequence numbers collections in the order they began: a higher one is newer
 * @param startNanos when the collection began (System.nanoTime)
 * @param reuseNanos how long after {@code startNanos} it is served again; zero: only to the scrapes
 *     that arrived while it ran
 * @param tableVersion the metric table's version it was filtered by
 */
public record Collected(
    MetricSnapshots snapshots, long sequence, long startNanos, long reuseNanos, long tableVersion) {

  /**
   * Whether a scrape at {@code nowNanos}, with the table at {@code version}, may be served this.
   */
  boolean reusableAt(long nowNanos, long version) {
    return nowNanos - startNanos < reuseNanos && version == tableVersion;
  }

  /**
   * Whether a scrape at {@code nowNanos} may be served this while a newer collection is under way:
   * for up to a second window.
   */
  boolean servableWhileRefreshedAt(long nowNanos, long version) {
    return nowNanos - startNanos < 2 * reuseNanos && version == tableVersion;
  }
}
