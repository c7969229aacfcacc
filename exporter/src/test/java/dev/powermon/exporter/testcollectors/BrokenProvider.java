package dev.powermon.exporter.testcollectors;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import java.util.List;

/** A collector whose every collection throws, as a device that vanished would. */
public final class BrokenProvider implements CollectorProvider {
  public static final String MESSAGE = "sensor unplugged; plug it back in";

  @Override
  public String name() {
    return "broken";
  }

  @Override
  public String description() {
    return "Test collector that always fails.";
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
      throw new IllegalStateException(MESSAGE);
    };
  }
}
