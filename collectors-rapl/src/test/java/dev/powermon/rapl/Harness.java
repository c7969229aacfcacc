package dev.powermon.rapl;

import dev.powermon.api.MeterClass;
import dev.powermon.api.StateLog;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedProblems;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Drives a {@link Sampler} on a powercap tree by hand, with a fake monotonic clock, so tests decide
 * exactly which readings each sample sees and how much time passed. Readings, parse problems and
 * log lines are recorded.
 */
final class Harness {
  static final String HOST = "test-host";

  final PowercapTree tree;
  final FaultyFiles files = new FaultyFiles();
  private final RecordingLogger logger = new RecordingLogger();
  final List<String> warnings = logger.warnings;
  final List<String> infos = logger.infos;
  private final TestContext context;
  final RecordedReadings readings;
  final RecordedProblems problems;
  private long nanos = 1_000_000_000L;
  private final Sampler sampler;

  Harness(PowercapTree tree) {
    this(tree, Duration.ofSeconds(1));
  }

  /** A harness whose sampler is configured with {@code interval}. */
  Harness(PowercapTree tree, Duration interval) {
    this.tree = tree;
    this.context = TestContext.forProvider(new RaplProvider()).hostname(HOST).build();
    this.readings = context.powerReadings(PowerSeries.SOURCE, MeterClass.COMPONENT);
    this.problems = context.problems();
    // Through the same deadline as in production, so a FIFO in the tree stalls no sample.
    SysFiles reads = new DeadlineFiles(files, Clock.systemUTC());
    PowercapDiscovery discovery =
        new PowercapDiscovery(
            reads, tree.sysfs(), VendorRanges.detect(reads, tree.sysfs()), problems);
    this.sampler =
        new Sampler(
            new PowercapSource(reads, discovery),
            () -> nanos,
            interval,
            Duration.ofMinutes(5),
            new StateLog(logger),
            problems,
            r -> PowerSeries.feed(r, HOST, readings, nanos / 1_000_000));
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

  /** The interval the sampler asks for before its next sample. */
  Duration intervalInUse() {
    return Duration.ofNanos(sampler.intervalInUseNanos());
  }

  Readings readings() {
    return sampler.latest();
  }

  /** The collector over this harness's sampler, configured for a 1 s interval. */
  RaplCollector collector() {
    return new RaplCollector(sampler, () -> {}, Duration.ofSeconds(1));
  }

  /** The zone families and the unified ones from the readings handed over; see {@link Served}. */
  MetricValues metrics() {
    return Served.of(RaplCollector.families(sampler.latest()).snapshots(), readings);
  }

  double joules(String... labels) {
    return metrics().value("powermon_energy_joules_total", labels);
  }
}
