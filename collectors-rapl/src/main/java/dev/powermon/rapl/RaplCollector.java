package dev.powermon.rapl;

import dev.powermon.api.Collector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** Serves what the background {@link Sampler} last read; a scrape never touches sysfs. */
final class RaplCollector implements Collector {
  private final Sampler sampler;
  private final ScheduledFuture<?> schedule;
  private final String host;

  RaplCollector(Sampler sampler, ScheduledFuture<?> schedule, String host) {
    this.sampler = sampler;
    this.schedule = schedule;
    this.host = host;
  }

  /**
   * @throws IOException with the operator's fix when no zone could be read at the last sample
   */
  @Override
  public MetricSnapshots collect() throws IOException {
    Readings r = sampler.latest();
    if (r.failure() != null) {
      throw new IOException(r.failure());
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
    schedule.cancel(false);
  }
}
