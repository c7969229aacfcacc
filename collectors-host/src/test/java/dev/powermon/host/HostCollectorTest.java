package dev.powermon.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.Collector;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.BatteryPower.Convention;
import dev.powermon.api.BatteryPower.Reading;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import io.prometheus.metrics.model.snapshots.Labels;
import org.junit.jupiter.api.Test;

/** The collector through its provider, fed by a fake host whose CPU is always 25% busy. */
class HostCollectorTest {
  private static final String POWER = "powermon_power_watts";
  private static final String ENERGY = "powermon_energy_joules_total";

  private final FakeHostSource source = new FakeHostSource(25, 100);
  private final HostProvider provider = new HostProvider(() -> source);

  private TestContext.Builder context() {
    return TestContext.forProvider(provider).setting("interval", "500ms").hostname("vm-01");
  }

  private MetricValues collect(TestContext ctx) throws Exception {
    try (Collector c = provider.open(ctx)) {
      return MetricValues.of(c.collect());
    }
  }

  @Test
  void exportsHostFamiliesFromTheSamplerReading() throws Exception {
    try (TestContext ctx = context().build()) {
      MetricValues v = collect(ctx);
      assertThat(v.value("powermon_host_cpu_utilization_ratio")).isCloseTo(0.25, within(1e-12));
      assertThat(v.value("powermon_host_memory_total_bytes")).isEqualTo(8e9);
      // used = total 8e9 - available 6e9
      assertThat(v.value("powermon_host_memory_used_bytes")).isEqualTo(2e9);
      assertThat(v.value("powermon_host_network_receive_bytes_total", "interface", "lo")).isPositive();
      // eth0 reported -1 as a signed long: the unsigned counter 2^64 - 1
      assertThat(v.value("powermon_host_network_receive_bytes_total", "interface", "eth0")).isEqualTo(0x1p64);
      assertThat(v.value("powermon_host_network_transmit_bytes_total", "interface", "eth0")).isEqualTo(42);
      assertThat(v.value("powermon_host_uptime_seconds")).isGreaterThan(3600);
      assertThat(v.labelSets("powermon_host_cpu_info")).containsExactly(Labels.of(
          "logical_cores", "4", "model", "Fake CPU 3000", "packages", "1", "physical_cores", "2",
          "vendor", "FakeVendor"));
      assertThat(v.has("powermon_host_cpu_core_utilization_ratio")).isFalse();
      assertThat(v.has("powermon_host_battery_power_watts")).isFalse();
    }
  }

  @Test
  void everyEmittedFamilyIsDeclaredForTheMetricTable() throws Exception {
    source.batteries(new Reading("BAT0", -1000, Convention.SIGNED_MILLIWATTS, false, true));
    try (TestContext ctx = context().setting("per-core", "true").build()) {
      assertThat(collect(ctx).names())
          .containsExactlyInAnyOrderElementsOf(provider.metrics().stream().map(MetricSpec::name).toList());
    }
  }

  @Test
  void perCoreUtilizationWhenAskedFor() throws Exception {
    try (TestContext ctx = context().setting("per-core", "true").build()) {
      MetricValues v = collect(ctx);
      assertThat(v.value("powermon_host_cpu_core_utilization_ratio", "cpu", "0")).isEqualTo(1.0);
      assertThat(v.value("powermon_host_cpu_core_utilization_ratio", "cpu", "1")).isZero();
    }
  }

  @Test
  void estimateIsLabelledAndUsesTheFormula() throws Exception {
    try (TestContext ctx = context().setting("tdp-watts", "65").setting("idle-watts", "13").build()) {
      MetricValues v = collect(ctx);
      // 13 + (65 - 13) x 0.25 = 26 W
      assertThat(v.value(POWER, "source", "estimate", "device", "vm-01", "domain", "total")).isEqualTo(26.0);
      assertThat(v.series(POWER)).hasSize(1);
      assertThat(v.value(ENERGY, "source", "estimate", "device", "vm-01", "domain", "total")).isPositive();
    }
  }

  @Test
  void defaultEstimateScalesWithLogicalCpus() throws Exception {
    try (TestContext ctx = context().build()) {
      // 4 logical CPUs x 4 W = 16 W tdp, idle 20% = 3.2 W; 3.2 + 12.8 x 0.25 = 6.4 W
      assertThat(collect(ctx).value(POWER, "source", "estimate")).isCloseTo(6.4, within(1e-9));
    }
  }

  @Test
  void idleDefaultsToAFifthOfAGivenTdp() throws Exception {
    try (TestContext ctx = context().setting("tdp-watts", "100").build()) {
      // idle 20 W; 20 + 80 x 0.25 = 40 W
      assertThat(collect(ctx).value(POWER, "source", "estimate")).isCloseTo(40.0, within(1e-9));
    }
  }

  @Test
  void estimatedEnergyNeverDecreasesBetweenScrapes() throws Exception {
    try (TestContext ctx = context().build(); Collector c = provider.open(ctx)) {
      double previous = 0;
      int before = source.samples();
      long deadline = System.nanoTime() + 30_000_000_000L;
      // poll across at least two background samples
      while (source.samples() < before + 2 && System.nanoTime() < deadline) {
        double joules = MetricValues.of(c.collect()).value(ENERGY, "source", "estimate");
        assertThat(joules).isGreaterThanOrEqualTo(previous);
        previous = joules;
        Thread.sleep(50);
      }
      assertThat(source.samples()).isGreaterThanOrEqualTo(before + 2);
      assertThat(MetricValues.of(c.collect()).value(ENERGY, "source", "estimate")).isGreaterThan(0);
    }
  }

  @Test
  void reopeningContinuesTheEnergyCounterInsteadOfRestartingIt() throws Exception {
    try (TestContext ctx = context().build()) {
      double first;
      try (Collector c = provider.open(ctx)) {
        first = MetricValues.of(c.collect()).value(ENERGY, "source", "estimate");
      }
      try (Collector c = provider.open(ctx)) {
        // the second open adds its own first window (500 ms at 6.4 W) on top
        assertThat(MetricValues.of(c.collect()).value(ENERGY, "source", "estimate")).isGreaterThan(first);
      }
    }
  }

  @Test
  void autoEstimateStepsAsideWhenAnotherCollectorMeasuresTheHost() throws Exception {
    try (TestContext ctx = context().hostPowerMeasured(true).build()) {
      MetricValues v = collect(ctx);
      assertThat(v.has(POWER)).isFalse();
      assertThat(v.has(ENERGY)).isFalse();
      assertThat(v.has("powermon_host_cpu_utilization_ratio")).isTrue();
    }
    try (TestContext ctx = context().hostPowerMeasured(false).build()) {
      assertThat(collect(ctx).has(POWER)).isTrue();
    }
  }

  @Test
  void onAndOffOverrideAuto() throws Exception {
    try (TestContext ctx = context().setting("estimate", "on").hostPowerMeasured(true).build()) {
      assertThat(collect(ctx).has(POWER)).isTrue();
    }
    try (TestContext ctx = context().setting("estimate", "off").hostPowerMeasured(false).build()) {
      MetricValues v = collect(ctx);
      assertThat(v.has(POWER)).isFalse();
      assertThat(v.has(ENERGY)).isFalse();
    }
  }

  @Test
  void batteryStatesAreSignedWattsOrAbsent() throws Exception {
    source.batteries(
        new Reading("BAT0", -12_500, Convention.SIGNED_MILLIWATTS, false, true), // discharging 12.5 W
        new Reading("BAT1", 30_000, Convention.SIGNED_MILLIWATTS, true, false), // charging 30 W
        new Reading("BAT2", 0, Convention.SIGNED_MILLIWATTS, false, true), // discharging at 0: unknown
        new Reading("BAT3", Double.NaN, Convention.SIGNED_MILLIWATTS, false, false),
        new Reading("BAT4", -2_147_483_648.0, Convention.SIGNED_MILLIWATTS, false, true), // Windows unknown
        new Reading("BAT5", 0, Convention.LINUX_MICROWATTS, false, false)); // full: a true 0 W
    try (TestContext ctx = context().build()) {
      MetricValues v = collect(ctx);
      assertThat(v.value("powermon_host_battery_power_watts", "battery", "BAT0")).isEqualTo(12.5);
      assertThat(v.value("powermon_host_battery_power_watts", "battery", "BAT1")).isEqualTo(-30.0);
      assertThat(v.value("powermon_host_battery_power_watts", "battery", "BAT5")).isZero();
      assertThat(v.series("powermon_host_battery_power_watts")).hasSize(3);
      // a battery is never the estimate's input nor a measured source
      assertThat(v.series(POWER)).hasSize(1);
    }
  }
}
