package dev.powermon.e2e;

/** Something Prometheus scrapes in the end-to-end test. */
interface MetricsSource extends AutoCloseable {
  /** host:port of its /metrics. */
  String target();
}
