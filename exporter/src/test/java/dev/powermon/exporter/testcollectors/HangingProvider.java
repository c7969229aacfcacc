package dev.powermon.exporter.testcollectors;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/** A collector that never answers, as a hung device would; interrupted when closed. */
public final class HangingProvider extends NamedOnlyProvider {

  public HangingProvider() {
    super("hanging", "Test collector that never answers.");
  }

  @Override
  public Collector open(CollectorContext context) {
    return () -> {
      Thread.sleep(Long.MAX_VALUE);
      return new MetricSnapshots();
    };
  }
}
