package dev.powermon.api;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An opened collector. {@link #collect()} may be called from several threads at once. */
public interface Collector extends AutoCloseable {

  /**
   * The current readings. Cheap sources read here; slow or wrapping sources answer from what their
   * background sampler last took. The core enforces a deadline around this call, so it must not
   * block on a device longer than the collector's own timeout.
   *
   * @throws Exception when something that worked is broken now (permission revoked, device gone);
   *     the message reaches the operator on the landing page and in the log, so say what to do
   */
  MetricSnapshots collect() throws Exception;

  /**
   * How often the collector's background sampler reads, when it has one. The core then holds it to
   * it: past three intervals without a {@link PowerReadings} reading the collector reports {@code
   * powermon_collector_success 0} ("no fresh reading since …") and its power series are withheld,
   * so a stuck sampler never serves old readings as fresh. Empty (the default) for collectors that
   * read at scrape time.
   */
  default Optional<Duration> samplingInterval() {
    return Optional.empty();
  }

  /**
   * How long what {@link #collect()} returns may be served again: the interval of the background
   * sampler or poller it answers from. The core serves one collection to every scrape within the
   * shortest of these among the running collectors. Empty for a collector that reads at scrape
   * time; by default {@link #samplingInterval()}. A collector that samples in the background but
   * hands the core no readings to be held to (so declares no sampling interval) says it here.
   */
  default Optional<Duration> refreshInterval() {
    return samplingInterval();
  }

  /**
   * Lines that {@code powermon probe} prints above its table, in words rather than series (for
   * Kasa: one line per device with model, alias, address, power and relay state). Empty by default.
   */
  default List<String> summary() {
    return List.of();
  }

  /** Stops background work and releases files, sockets and child processes. Never throws. */
  @Override
  default void close() {}
}
