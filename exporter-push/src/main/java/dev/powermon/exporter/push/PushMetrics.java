package dev.powermon.exporter.push;

import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/**
 * The push families, one series per target (and reason or code), served next to the meta-metrics.
 */
public final class PushMetrics {
  public static final MetricSpec SENT =
      MetricSpec.counter("powermon_push_samples_sent_total")
          .help("Samples the push target accepted.")
          .labelNames("target")
          .build();
  public static final MetricSpec DROPPED =
      MetricSpec.counter("powermon_push_samples_dropped_total")
          .help(
              "Samples never delivered to the push target: queue_full (oldest dropped during an outage),"
                  + " rejected (4xx answer), shutdown (still queued when the flush deadline passed).")
          .labelNames("target", "reason")
          .build();
  public static final MetricSpec FAILURES =
      MetricSpec.counter("powermon_push_failures_total")
          .help("Push requests that failed, by HTTP status or timeout, connection, credentials.")
          .labelNames("target", "code")
          .build();
  public static final MetricSpec QUEUED =
      MetricSpec.gauge("powermon_push_queue_samples")
          .help("Samples waiting to be pushed to the target.")
          .labelNames("target")
          .build();
  public static final MetricSpec LAST_SUCCESS =
      MetricSpec.gauge("powermon_push_last_success_timestamp_seconds")
          .help(
              "When the target last accepted a batch, in seconds since the epoch; 0 before the first.")
          .labelNames("target")
          .build();

  /** Every push family, for the README's reference. */
  public static final List<MetricSpec> SPECS =
      List.of(SENT, DROPPED, FAILURES, QUEUED, LAST_SUCCESS);

  private PushMetrics() {}

  static List<MetricSnapshot> snapshots(List<TargetStats> targets) {
    Families out = new Families(SPECS);
    for (TargetStats t : targets) {
      Labels target = Labels.of("target", t.target());
      out.counter(SENT, target, t.sent());
      t.droppedByReason()
          .forEach((reason, n) -> out.counter(DROPPED, target.add("reason", reason), n.get()));
      t.failuresByCode()
          .forEach((code, n) -> out.counter(FAILURES, target.add("code", code), n.get()));
      out.gauge(QUEUED, target, t.queued());
      out.gauge(LAST_SUCCESS, target, t.lastSuccessSeconds());
    }
    return out.list();
  }
}
