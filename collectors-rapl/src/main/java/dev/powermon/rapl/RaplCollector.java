package dev.powermon.rapl;

import dev.powermon.api.Collector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Serves what the background {@link Sampler} last read; a scrape never touches sysfs. Readings
 * older than the staleness bound are not served: the collector fails with "no fresh reading since".
 */
final class RaplCollector implements Collector {
  /** Past this many configured intervals without a fresh reading, the sampler is stuck. */
  static final int STALE_INTERVALS = 3;

  /** Never stricter than this, so a busy machine's scheduling delays are not called a hang. */
  static final Duration MIN_STALENESS = Duration.ofSeconds(3);

  private final Sampler sampler;
  private final Runnable stop;
  private final String host;
  private final LongSupplier nanoTime;
  private final Clock clock;
  private final long stalenessNanos;

  RaplCollector(
      Sampler sampler,
      Runnable stop,
      String host,
      LongSupplier nanoTime,
      Clock clock,
      Duration interval) {
    this.sampler = sampler;
    this.stop = stop;
    this.host = host;
    this.nanoTime = nanoTime;
    this.clock = clock;
    this.stalenessNanos =
        Math.max(MIN_STALENESS.toNanos(), saturatedTimes(interval.toNanos(), STALE_INTERVALS));
  }

  /**
   * @throws IOException with the operator's fix when no zone could be read at the last sample, or
   *     when no sample has read anything for longer than the staleness bound
   */
  @Override
  public MetricSnapshots collect() throws IOException {
    Readings r = sampler.latest();
    if (r.failure() != null) {
      throw new IOException(r.failure());
    }
    long age = nanoTime.getAsLong() - r.freshNanos();
    if (age > stalenessNanos) {
      Instant since = clock.instant().minusNanos(age);
      throw new IOException(
          "no fresh RAPL reading since "
              + since
              + " ("
              + Duration.ofNanos(age).toSeconds()
              + " s): the background sampler is stuck; its last readings are not served.");
    }
    return RaplMetrics.render(r, host);
  }

  @Override
  public List<String> summary() {
    Readings r = sampler.latest();
    return List.of(Summary.of(r));
  }

  @Override
  public void close() {
    stop.run();
  }

  private static long saturatedTimes(long nanos, int times) {
    return nanos > Long.MAX_VALUE / times ? Long.MAX_VALUE : nanos * times;
  }
}
