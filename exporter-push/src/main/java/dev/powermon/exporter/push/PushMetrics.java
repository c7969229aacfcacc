package dev.powermon.exporter.push;

import dev.powermon.api.MetricSpec;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;

/** The push families, one series per target (and reason or code), served next to the meta-metrics. */
public final class PushMetrics {
  public static final MetricSpec SENT =
      MetricSpec.counter("powermon_push_samples_sent_total")
          .help("Samples the push target accepted.")
          .labelNames("target")
          .build();
  public static final MetricSpec DROPPED =
      MetricSpec.counter("powermon_push_samples_dropped_total")
          .help("Samples never delivered to the push target: queue_full (oldest dropped during an outage),"
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
          .help("When the target last accepted a batch, in seconds since the epoch; 0 before the first.")
          .labelNames("target")
          .build();

  /** Every push family, for the README's reference. */
  public static final List<MetricSpec> SPECS = List.of(SENT, DROPPED, FAILURES, QUEUED, LAST_SUCCESS);

  private PushMetrics() {}

  static List<MetricSnapshot> snapshots(List<TargetStats> targets) {
    CounterSnapshot.Builder sent = CounterSnapshot.builder().name(SENT.name()).help(SENT.help());
    CounterSnapshot.Builder dropped = CounterSnapshot.builder().name(DROPPED.name()).help(DROPPED.help());
    CounterSnapshot.Builder failures = CounterSnapshot.builder().name(FAILURES.name()).help(FAILURES.help());
    GaugeSnapshot.Builder queued = GaugeSnapshot.builder().name(QUEUED.name()).help(QUEUED.help());
    GaugeSnapshot.Builder last = GaugeSnapshot.builder().name(LAST_SUCCESS.name()).help(LAST_SUCCESS.help());
    for (TargetStats t : targets) {
      Labels target = Labels.of("target", t.target());
      sent.dataPoint(counter(target, t.sent()));
      t.droppedByReason().forEach((reason, n) -> dropped.dataPoint(counter(target.add("reason", reason), n.get())));
      t.failuresByCode().forEach((code, n) -> failures.dataPoint(counter(target.add("code", code), n.get())));
      queued.dataPoint(GaugeDataPointSnapshot.builder().labels(target).value(t.queued()).build());
      last.dataPoint(GaugeDataPointSnapshot.builder().labels(target).value(t.lastSuccessSeconds()).build());
    }
    List<MetricSnapshot> out = new ArrayList<>();
    out.add(sent.build());
    out.add(dropped.build());
    out.add(failures.build());
    out.add(queued.build());
    out.add(last.build());
    return out;
  }

  private static CounterDataPointSnapshot counter(Labels labels, double value) {
    return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
