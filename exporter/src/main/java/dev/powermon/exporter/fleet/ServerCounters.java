package dev.powermon.exporter.fleet;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The config server's own counters: requests by method and status, store errors by operation. */
public final class ServerCounters implements MultiCollector {
  private final Map<Labels, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<Labels, LongAdder> storeErrors = new ConcurrentHashMap<>();

  void request(String method, int code) {
    // The method is the client's word: any other than the server's own counts as one, so made-up
    // methods cannot grow the series without bound.
    String known =
        switch (method) {
          case "GET", "HEAD", "PUT", "POST" -> method;
          default -> "other";
        };
    requests
        .computeIfAbsent(
            Labels.of("method", known, "code", Integer.toString(code)), k -> new LongAdder())
        .increment();
  }

  void storeError(String operation) {
    storeErrors
        .computeIfAbsent(Labels.of("operation", operation), k -> new LongAdder())
        .increment();
  }

  @Override
  public MetricSnapshots collect() {
    return new MetricSnapshots(
        counter(
            "powermon_config_server_requests",
            "Requests to /config and /-/reload answered, by method and status code.",
            requests),
        counter(
            "powermon_config_server_store_errors",
            "Store operations that failed (disk or etcd), by operation: get, put, list.",
            storeErrors));
  }

  private static CounterSnapshot counter(String name, String help, Map<Labels, LongAdder> values) {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
    values.forEach(
        (labels, v) ->
            b.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(v.sum()).build()));
    return b.build();
  }
}
