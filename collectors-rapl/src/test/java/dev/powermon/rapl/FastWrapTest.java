package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.powermon.testkit.MetricValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 3: counters that wrap faster than the default interval lose no energy. The sampler
 * runs on a fake clock, each sample after the interval it asks for, as {@link SamplingLoop} runs
 * it; the counters advance by exactly the energy of that interval.
 */
class FastWrapTest {
  private static final String ENERGY = "powermon_energy_joules_total";
  private static final long THIRTY_SECONDS = Duration.ofSeconds(30).toNanos();

  @TempDir Path sysfs;

  /** Samples for 30 s at the sampler's own pace; {@code atHalfTime} runs once, after 15 s. */
  private static void run(Harness h, List<SimulatedCounter> zones, Runnable atHalfTime) {
    long elapsed = 0;
    boolean halfDone = false;
    for (int samples = 0; elapsed < THIRTY_SECONDS && samples < 10_000; samples++) {
      long step = h.intervalInUse().toNanos();
      if (!halfDone && elapsed + step >= THIRTY_SECONDS / 2) {
        atHalfTime.run();
        halfDone = true;
      }
      for (SimulatedCounter z : zones) {
        z.advance(step);
        z.writeTo(h.tree);
      }
      h.sampleAfter(Duration.ofNanos(step));
      elapsed += step;
    }
  }

  /** A harness over a tree with one zone per counter, sampled once at the start. */
  private Harness harness(SimulatedCounter... zones) {
    PowercapTree tree = new PowercapTree(sysfs);
    for (SimulatedCounter z : zones) {
      tree.zone(z.id(), z.name(), 0, z.rangeUj());
    }
    return new Harness(tree).sampleAfter(Duration.ZERO);
  }

  @Test
  void issue11PackageWrappingEvery1point6sIsCountedInFullAtTheDefaultInterval() {
    // 95 W into a 152 J range wraps every 1.6 s; at 1 s sampling every other step looked like a
    // reset (more than half the range backwards), and the package read 47 W.
    SimulatedCounter pkg = new SimulatedCounter("intel-rapl:0", "package-0", 95, 152_000_000);
    Harness h = harness(pkg);
    run(h, List.of(pkg), () -> {});

    MetricValues m = h.metrics();
    assertThat(m.value(ENERGY, "domain", "package"))
        .isCloseTo(pkg.injectedJoules(), withinPercentage(1));
    assertThat(m.series("powermon_rapl_dropped_samples_total")).isEmpty();
    assertThat(m.value("powermon_power_watts", "domain", "package")).isCloseTo(95, within(0.5));
    // 1.6 s / 8 = 200 ms
    assertThat(m.value("powermon_rapl_sampling_interval_seconds")).isCloseTo(0.2, within(1e-9));
    assertThat(h.warnings)
        .containsExactly(
            "RAPL sampling: counters wrap every 1.600s at the current power, within 4 sampling"
                + " intervals of 1s: sampling every 200ms until the power falls.");
  }

  @Test
  void aTreeThatWrapsEvery1point5sLosesUnderOnePercentOver30s() {
    SimulatedCounter pkg = new SimulatedCounter("intel-rapl:0", "package-0", 100, 150_000_000);
    SimulatedCounter dram = new SimulatedCounter("intel-rapl:0:0", "dram", 20, 65_532_610_987L);
    Harness h = harness(pkg, dram);
    run(h, List.of(pkg, dram), () -> {});

    MetricValues m = h.metrics();
    double injected = pkg.injectedJoules() + dram.injectedJoules();
    assertThat(injected).isCloseTo(30 * 120.0, within(120.0 * 0.2)); // 30 s, give or take a step
    assertThat(m.value(ENERGY, "domain", "total")).isCloseTo(injected, withinPercentage(1));
    assertThat(m.value(ENERGY, "domain", "package"))
        .isCloseTo(pkg.injectedJoules(), withinPercentage(1));
    assertThat(m.value("powermon_rapl_wraps_total", "rapl_zone", "intel-rapl:0")).isGreaterThan(18);
  }

  @Test
  void aZoneWhoseRangeChangesMidRunLosesUnderOnePercentOver30s() {
    SimulatedCounter pkg = new SimulatedCounter("intel-rapl:0", "package-0", 100, 150_000_000);
    SimulatedCounter other = new SimulatedCounter("intel-rapl:1", "package-1", 50, 1_000_000_000);
    Harness h = harness(pkg, other);
    run(h, List.of(pkg, other), () -> other.range(60_000_000)); // 20 s wraps become 1.2 s wraps

    MetricValues m = h.metrics();
    double injected = pkg.injectedJoules() + other.injectedJoules();
    assertThat(m.value(ENERGY, "domain", "total")).isCloseTo(injected, withinPercentage(1));
    assertThat(m.value(ENERGY, "domain", "package", "socket", "1"))
        .isCloseTo(other.injectedJoules(), withinPercentage(1));
    assertThat(
            m.value(
                "powermon_rapl_dropped_samples_total",
                "rapl_zone",
                "intel-rapl:1",
                "reason",
                "range_changed"))
        .isEqualTo(1.0);
    assertThat(m.value("powermon_rapl_max_energy_range_joules", "rapl_zone", "intel-rapl:1"))
        .isEqualTo(60.0);
  }

  @Test
  void theIntervalComesBackWhenThePowerFallsAndEachChangeIsLoggedOnce() {
    SimulatedCounter pkg = new SimulatedCounter("intel-rapl:0", "package-0", 95, 152_000_000);
    Harness h = harness(pkg);
    run(h, List.of(pkg), () -> pkg.watts(2)); // 152 J at 2 W wraps every 76 s: 1 s is plenty

    assertThat(h.intervalInUse()).isEqualTo(Duration.ofSeconds(1));
    assertThat(h.metrics().value("powermon_rapl_sampling_interval_seconds")).isEqualTo(1.0);
    assertThat(h.warnings).hasSize(1);
    assertThat(h.infos).containsExactly("RAPL sampling: power fell: sampling every 1s again.");
    assertThat(h.joules("domain", "package")).isCloseTo(pkg.injectedJoules(), withinPercentage(1));
  }
}
