package dev.powermon.rapl;

import dev.powermon.testkit.MetricValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@link Sampler} on a powercap tree by hand, with a fake monotonic clock, so tests decide
 * exactly which readings each sample sees and how much time passed.
 */
final class Harness {
  static final String HOST = "test-host";

  final PowercapTree tree;
  final FaultyFiles files = new FaultyFiles();
  final List<String> warnings = new ArrayList<>();
  private long nanos = 1_000_000_000L;
  private final Sampler sampler;

  Harness(PowercapTree tree) {
    this.tree = tree;
    PowercapDiscovery discovery =
        new PowercapDiscovery(files, tree.sysfs(), VendorRanges.detect(files, tree.sysfs()));
    this.sampler =
        new Sampler(
            new PowercapSource(files, discovery),
            () -> nanos,
            Duration.ofSeconds(1),
            Duration.ofMinutes(5),
            new StateLog(warnings::add, info -> {}),
            readings -> {});
  }

  /** Advances the clock and takes one sample. */
  Harness sampleAfter(Duration elapsed) {
    nanos += elapsed.toNanos();
    sampler.sample();
    return this;
  }

  Harness sample() {
    return sampleAfter(Duration.ofSeconds(1));
  }

  Readings readings() {
    return sampler.latest();
  }

  MetricValues metrics() {
    return MetricValues.of(RaplMetrics.render(sampler.latest(), HOST));
  }

  double joules(String... labels) {
    return metrics().value("powermon_energy_joules_total", labels);
  }
}
