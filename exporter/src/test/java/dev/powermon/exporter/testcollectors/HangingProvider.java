package dev.powermon.exporter.testcollectors;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/** A collector that never answers, as a hung device would; interrupted when closed. */
public final class HangingProvider implements CollectorProvider {

  @Override
  public String name() {
    return "hanging";
  }

  @Override
  public String description() {
    return "Test collector that never answers.";
  }

  @Override
  public List<MetricSpec> metrics() {
    return List.of();
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    return ProbeResult.unavailable("never available unless named");
  }

  @Override
  public Collector open(CollectorContext context) {
    return () -> {
      Thread.sleep(Long.MAX_VALUE);
      return new MetricSnapshots();
    };
  }
}
