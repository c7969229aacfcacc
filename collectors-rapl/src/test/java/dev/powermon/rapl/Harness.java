package dev.powermon.rapl;

import dev.powermon.testkit.MetricValues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a {@link Sampler} on a powercap tree by hand, with a fake monotonic clock, so tests decide
 * exactly which readings each sample sees and how much time passed.
 */
final class Harness {
  static final String HOST = "test-host";
  static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  final PowercapTree tree;
  final FaultyFiles files = new FaultyFiles();
  final List<String> warnings = new ArrayList<>();
  final List<String> infos = new ArrayList<>();
  private long nanos = 1_000_000_000L;
  private final Sampler sampler;

  Harness(PowercapTree tree) {
    this(tree, Duration.ofSeconds(1));
  }

  /** A harness whose sampler is configured with {@code interval}. */
  Harness(PowercapTree tree, Duration interval) {
    this.tree = tree;
    // Through the same deadline as in production, so a FIFO in the tree stalls no sample.
    SysFiles reads = new DeadlineFiles(files, Clock.systemUTC());
    PowercapDiscovery discovery =
        new PowercapDiscovery(reads, tree.sysfs(), VendorRanges.detect(reads, tree.sysfs()));
    this.sampler =
        new Sampler(
            new PowercapSource(reads, discovery),
            () -> nanos,
            interval,
            Duration.ofMinutes(5),
            new StateLog(warnings::add, infos::add),
            readings -> {});
  }

  /** Advances the clock and takes one sample. */
  Harness sampleAfter(Duration elapsed) {
    nanos += elapsed.toNanos();
    sampler.sample();
    return this;
  }

  /** Lets time pass without sampling, as a stuck sampler would. */
  Harness idle(Duration elapsed) {
    nanos += elapsed.toNanos();
    return this;
  }

  /**
   * The collector over this harness's sampler, configured for a 1 s interval, its wall clock
   * stopped at {@link #NOW}.
   */
  RaplCollector collector() {
    return new RaplCollector(
        sampler,
        () -> {},
        HOST,
        () -> nanos,
        Clock.fixed(NOW, ZoneOffset.UTC),
        Duration.ofSeconds(1));
  }

  Harness sample() {
    return sampleAfter(Duration.ofSeconds(1));
  }

  /** The interval the sampler asks for before its next sample. */
  Duration intervalInUse() {
    return Duration.ofNanos(sampler.intervalInUseNanos());
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
