package dev.powermon.exporter.testcollectors;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import java.util.List;

/** A test collector that runs only when named, whose collect() misbehaves in the subclass's way. */
abstract class NamedOnlyProvider implements CollectorProvider {
  private final String name;
  private final String description;

  NamedOnlyProvider(String name, String description) {
    this.name = name;
    this.description = description;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<MetricSpec> metrics() {
    return List.of();
  }

  /** Never enabled unless named, as process is (networked collectors are too). */
  @Override
  public boolean onlyWhenNamed() {
    return true;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    return ProbeResult.available("runs only when named");
  }

  @Override
  public abstract Collector open(CollectorContext context);
}
