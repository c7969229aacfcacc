package dev.powermon.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.BatteryPower.Convention;
import dev.powermon.api.BatteryPower.Reading;
import dev.powermon.api.Collector;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MetricSpec;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.TestContext;
import io.prometheus.metrics.model.snapshots.Labels;
import org.junit.jupiter.api.Test;

/** The collector through its provider, fed by a fake host whose CPU is always 25% busy. */
class HostCollectorTest {
  private static final String POWER = "powermon_power_watts";

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
      assertThat(v.value("powermon_host_network_receive_bytes_total", "interface", "lo"))
          .isPositive();
      // eth0 reported -1 as a signed long: the unsigned counter 2^64 - 1
      assertThat(v.value("powermon_host_network_receive_bytes_total", "interface", "eth0"))
          .isEqualTo(0x1p64);
      assertThat(v.value("powermon_host_network_transmit_bytes_total", "interface", "eth0"))
          .isEqualTo(42);
      assertThat(v.value("powermon_host_uptime_seconds")).isGreaterThan(3600);
      assertThat(v.labelSets("powermon_host_cpu_info"))
          .containsExactly(
              Labels.of(
                  "logical_cores",
                  "4",
                  "model",
                  "Fake CPU 3000",
                  "packages",
                  "1",
                  "physical_cores",
                  "2",
                  "vendor",
                  "FakeVendor"));
      assertThat(v.has("powermon_host_cpu_core_utilization_ratio")).isFalse();
      assertThat(v.has("powermon_host_battery_power_watts")).isFalse();
    }
  }

  @Test
  void everyEmittedFamilyIsDeclaredForTheMetricTable() throws Exception {
    source.batteries(new Reading("BAT0", -1000, Convention.SIGNED_MILLIWATTS, false, true));
    try (TestContext ctx = context().setting("per-core", "true").build();
        Collector c = provider.open(ctx)) {
      DeclarationCheck.assertEmitsOnlyDeclared(provider, c.collect());
      // everything declared but the unified families, which the core builds from the readings
      assertThat(MetricValues.of(c.collect()).names())
          .containsExactlyInAnyOrderElementsOf(
              provider.metrics().stream()
                  .map(MetricSpec::name)
                  .filter(n -> !n.startsWith("powermon_power") && !n.startsWith("powermon_energy"))
                  .toList());
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
  void estimateIsAnEstimateReadingOfTheHostTotalAndUsesTheFormula() throws Exception {
    try (TestContext ctx =
            context().setting("tdp-watts", "65").setting("idle-watts", "13").build();
        Collector c = provider.open(ctx)) {
      RecordedReadings readings = ctx.readings("estimate");
      assertThat(readings.meterClass()).isEqualTo(MeterClass.ESTIMATE);
      // 13 + (65 - 13) x 0.25 = 26 W, handed over as power; the core integrates the energy
      assertThat(readings.last("vm-01", "total").watts()).isEqualTo(26.0);
      assertThat(readings.last("vm-01", "total").joules()).isNaN();
      assertThat(readings.all()).extracting(RecordedReadings.Reading::domain).containsOnly("total");
      MetricValues v = MetricValues.of(c.collect());
      assertThat(v.has(POWER)).isFalse(); // built by the core from the readings
      assertThat(c.samplingInterval()).contains(java.time.Duration.ofMillis(500));
    }
  }

  @Test
  void defaultEstimateScalesWithLogicalCpus() throws Exception {
    try (TestContext ctx = context().build();
        Collector c = provider.open(ctx)) {
      // 4 logical CPUs x 4 W = 16 W tdp, idle 20% = 3.2 W; 3.2 + 12.8 x 0.25 = 6.4 W
      assertThat(ctx.readings("estimate").last("vm-01", "total").watts())
          .isCloseTo(6.4, within(1e-9));
    }
  }

  @Test
  void idleDefaultsToAFifthOfAGivenTdp() throws Exception {
    try (TestContext ctx = context().setting("tdp-watts", "100").build();
        Collector c = provider.open(ctx)) {
      // idle 20 W; 20 + 80 x 0.25 = 40 W
      assertThat(ctx.readings("estimate").last("vm-01", "total").watts())
          .isCloseTo(40.0, within(1e-9));
    }
  }

  @Test
  void everyBackgroundSampleIsAReadingInTimeOrder() throws Exception {
    try (TestContext ctx = context().build();
        Collector c = provider.open(ctx)) {
      RecordedReadings readings = ctx.readings("estimate");
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (readings.all().size() < 3 && System.nanoTime() < deadline) { // bounded: 30 s
        Thread.sleep(20);
      }
      assertThat(readings.all()).hasSizeGreaterThanOrEqualTo(3);
      assertThat(readings.all()).extracting(RecordedReadings.Reading::epochMillis).isSorted();
    }
  }

  @Test
  void autoEstimateStepsAsideWhenAnotherCollectorMeasuresTheHost() throws Exception {
    try (TestContext ctx = context().hostPowerMeasured(true).build();
        Collector c = provider.open(ctx)) {
      MetricValues v = MetricValues.of(c.collect());
      assertThat(v.has("powermon_host_cpu_utilization_ratio")).isTrue();
      assertThatThrownBy(() -> ctx.readings("estimate"))
          .isInstanceOf(AssertionError.class); // never asked for
      assertThat(c.samplingInterval())
          .isEmpty(); // no readings, so the core does not judge staleness by them
    }
    try (TestContext ctx = context().hostPowerMeasured(false).build();
        Collector c = provider.open(ctx)) {
      assertThat(ctx.readings("estimate").all()).isNotEmpty();
    }
  }

  @Test
  void onAndOffOverrideAuto() throws Exception {
    try (TestContext ctx = context().setting("estimate", "on").hostPowerMeasured(true).build();
        Collector c = provider.open(ctx)) {
      assertThat(ctx.readings("estimate").all()).isNotEmpty();
    }
    try (TestContext ctx = context().setting("estimate", "off").hostPowerMeasured(false).build();
        Collector c = provider.open(ctx)) {
      assertThatThrownBy(() -> ctx.readings("estimate")).isInstanceOf(AssertionError.class);
    }
  }

  @Test
  void batteryStatesAreSignedWattsOrAbsent() throws Exception {
    source.batteries(
        new Reading(
            "BAT0", -12_500, Convention.SIGNED_MILLIWATTS, false, true), // discharging 12.5 W
        new Reading("BAT1", 30_000, Convention.SIGNED_MILLIWATTS, true, false), // charging 30 W
        new Reading(
            "BAT2", 0, Convention.SIGNED_MILLIWATTS, false, true), // discharging at 0: unknown
        new Reading("BAT3", Double.NaN, Convention.SIGNED_MILLIWATTS, false, false),
        new Reading(
            "BAT4", -2_147_483_648.0, Convention.SIGNED_MILLIWATTS, false, true), // Windows unknown
        new Reading("BAT5", 0, Convention.LINUX_MICROWATTS, false, false)); // full: a true 0 W
    try (TestContext ctx = context().build()) {
      MetricValues v = collect(ctx);
      assertThat(v.value("powermon_host_battery_power_watts", "battery", "BAT0")).isEqualTo(12.5);
      assertThat(v.value("powermon_host_battery_power_watts", "battery", "BAT1")).isEqualTo(-30.0);
      assertThat(v.value("powermon_host_battery_power_watts", "battery", "BAT5")).isZero();
      assertThat(v.series("powermon_host_battery_power_watts")).hasSize(3);
      // a battery is never the estimate's input nor a measured source
      assertThat(ctx.readings("estimate").all())
          .extracting(RecordedReadings.Reading::domain)
          .containsOnly("total");
    }
  }
}
