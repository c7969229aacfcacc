package dev.powermon.macos;

import static dev.powermon.api.BatteryPower.Convention.SIGNED_MILLIWATTS;
import static dev.powermon.macos.FakePowermetrics.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.BatteryPower;
import dev.powermon.api.Collector;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.ProbeResult;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MacosProviderTest {
  @TempDir Path dir;
  private final List<BatteryPower.Reading> battery = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final MacosProvider provider = new MacosProvider(() -> () -> List.copyOf(battery), Duration.ofMillis(10));

  private TestContext context(Path powermetrics) {
    return TestContext.forProvider(provider).hostname("mac-mini").setting("powermetrics", powermetrics.toString())
        .setting("interval", "250ms").build();
  }

  @Test
  void isFoundByServiceLoaderAndMeasuresHostPower() {
    assertThat(ServiceLoader.load(CollectorProvider.class).stream().map(p -> p.get().name())).contains("macos");
    assertThat(provider.measuresHostPower()).isTrue();
  }

  @Test
  void probeOnLinuxSaysWhyNot() throws Exception {
    try (TestContext ctx = TestContext.forProvider(provider).build()) {
      ProbeResult r = provider.probe(ctx);
      assertThat(r.isAvailable()).isFalse();
      assertThat(r.detail()).isEqualTo("macos collector runs on macOS; this is Linux");
    }
  }

  @Test
  void openOnLinuxWithoutPowermetricsFailsWithTheSameReason() throws Exception {
    try (TestContext ctx = TestContext.forProvider(provider).build()) {
      assertThatThrownBy(() -> provider.open(ctx)).hasMessage("macos collector runs on macOS; this is Linux");
    }
  }

  @Test
  void probeAcceptsAnExplicitExecutableOnly() throws Exception {
    FakePowermetrics fake = FakePowermetrics.write(dir, 1, "exit 0");
    try (TestContext ctx = context(fake.executable)) {
      assertThat(provider.probe(ctx).detail()).isEqualTo("powermetrics " + fake.executable + " (named explicitly)");
    }
    try (TestContext ctx = context(dir.resolve("sample.plist"))) {
      assertThat(provider.probe(ctx).isAvailable()).isFalse();
      assertThat(provider.probe(ctx).detail()).endsWith("sample.plist is not an executable file; fix --collector.macos.powermetrics");
    }
  }

  @Test
  void collectsUnifiedFamiliesFromPowermetricsAndBattery() throws Exception {
    battery.add(new BatteryPower.Reading("InternalBattery-0", -12_500, SIGNED_MILLIWATTS, false, false)); // 12.5 W drawn from the battery
    FakePowermetrics fake = FakePowermetrics.write(dir, 3, "exec sleep 60");
    try (TestContext ctx = context(fake.executable); Collector c = provider.open(ctx)) {
      assertThat(eventually(() -> energy(c, "cpu") >= 3 * 1.318 - 1e-9)).isTrue();
      MetricValues v = MetricValues.of(c.collect());
      // the m3 fixture: cpu_power 1311.96 mW, combined_power 1516.02 mW; three windows of cpu_energy 1318 mJ
      assertThat(v.value("powermon_power_watts", "source", "macos", "device", "mac-mini", "domain", "cpu")).isEqualTo(1.31196);
      assertThat(v.value("powermon_power_watts", "domain", "total")).isEqualTo(1.51602);
      assertThat(v.value("powermon_energy_joules_total", "domain", "cpu")).isCloseTo(3 * 1.318, within(1e-9));
      assertThat(v.value("powermon_power_watts", "domain", "battery")).isEqualTo(12.5);
      assertThat(v.value("macos_source_info", "source", "powermetrics")).isEqualTo(1);
      assertThat(v.value("macos_powermetrics_restarts_total")).isZero();
      assertThat(v.series("powermon_power_watts", "domain", "total")).hasSize(1);
      assertThat(c.summary()).containsExactly("source powermetrics, total 1.516 W");
    }
  }

  @Test
  void aBatteryJnaCannotLoadCostsTheBatteryDomainOnly() throws Exception {
    MacosProvider unlinkedBattery = new MacosProvider(() -> () -> {
      throw new UnsatisfiedLinkError("libjnidispatch.jnilib: operation not permitted");
    }, Duration.ofMillis(10));
    FakePowermetrics fake = FakePowermetrics.write(dir, 1, "exec sleep 60");
    try (TestContext ctx = TestContext.forProvider(unlinkedBattery).setting("powermetrics", fake.executable.toString())
        .setting("interval", "250ms").build(); Collector c = unlinkedBattery.open(ctx)) {
      assertThat(eventually(() -> energy(c, "cpu") > 0)).isTrue();
      MetricValues v = MetricValues.of(c.collect());
      assertThat(v.value("powermon_power_watts", "domain", "cpu")).isEqualTo(1.31196);
      assertThat(v.series("powermon_power_watts", "domain", "battery")).isEmpty();
    }
  }

  @Test
  void openFailsWithPowermetricsOwnComplaint() throws Exception {
    FakePowermetrics fake = FakePowermetrics.write(dir, 0, "echo 'must be invoked as the superuser' >&2; exit 1");
    try (TestContext ctx = context(fake.executable)) {
      assertThatThrownBy(() -> provider.open(ctx))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("exited with status 1: must be invoked as the superuser");
    }
  }

  @Test
  void collectFailsOnceTheSourceHasGoneQuiet() throws Exception {
    // one sample, then silence: after the 5 s staleness limit collect() says so rather than repeat old watts
    FakePowermetrics fake = FakePowermetrics.write(dir, 1, "exec sleep 60");
    PowerLedger ledger = new PowerLedger();
    ledger.record(new PowerSample(1, java.util.Map.of("total", new PowerSample.DomainEnergy(2, 2)), java.util.Map.of()), 0);
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(4_000_000_000L);
    PowermetricsSource source = new PowermetricsSource(fake.executable, Duration.ofSeconds(1), Duration.ofMillis(10),
        now::get, org.slf4j.LoggerFactory.getLogger("test"), new dev.powermon.testkit.RecordedProblems());
    Battery none = new Battery(List::of, now::get, org.slf4j.LoggerFactory.getLogger("test"));
    try (MacosCollector waiting = new MacosCollector(source, new PowerLedger(), none,
        new dev.powermon.oshi.SamplerThread("test"), "mac", Duration.ofSeconds(5), now::get)) {
      assertThatThrownBy(waiting::collect).hasMessage("waiting for the first sample from powermetrics");
    }
    try (MacosCollector c = new MacosCollector(source, ledger, none, new dev.powermon.oshi.SamplerThread("test"),
        "mac", Duration.ofSeconds(5), now::get)) {
      assertThat(MetricValues.of(c.collect()).value("powermon_power_watts", "domain", "total")).isEqualTo(2);
      now.set(5_000_000_001L);
      assertThatThrownBy(c::collect).hasMessage(
          "no fresh reading from powermetrics for more than 5 s; readings are withheld until it delivers again");
    }
  }

  @Test
  void aBatteryReadThatStopsCostsTheBatteryDomainOnly() throws Exception {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(0);
    PowerLedger ledger = new PowerLedger();
    Battery stuck = new Battery(() -> List.of(new BatteryPower.Reading("b", -9_000, SIGNED_MILLIWATTS, false, false)),
        now::get, org.slf4j.LoggerFactory.getLogger("test"));
    stuck.sample();
    now.set(1_000_000_000L);
    stuck.sample(); // 9 W; then the battery read never returns again
    FakePowermetrics fake = FakePowermetrics.write(dir, 1, "exec sleep 60");
    PowermetricsSource source = new PowermetricsSource(fake.executable, Duration.ofSeconds(1), Duration.ofMillis(10),
        now::get, org.slf4j.LoggerFactory.getLogger("test"), new dev.powermon.testkit.RecordedProblems());
    try (MacosCollector c = new MacosCollector(source, ledger, stuck, new dev.powermon.oshi.SamplerThread("test"),
        "mac", Duration.ofSeconds(5), now::get)) {
      ledger.record(new PowerSample(1, java.util.Map.of("cpu", new PowerSample.DomainEnergy(2, 2)), java.util.Map.of()),
          now.get());
      assertThat(MetricValues.of(c.collect()).value("powermon_power_watts", "domain", "battery")).isEqualTo(9.0);
      now.set(7_000_000_000L);
      ledger.record(new PowerSample(1, java.util.Map.of("cpu", new PowerSample.DomainEnergy(3, 3)), java.util.Map.of()),
          now.get());
      MetricValues v = MetricValues.of(c.collect());
      assertThat(v.value("powermon_power_watts", "domain", "cpu")).isEqualTo(3.0);
      assertThat(v.series("powermon_power_watts", "domain", "battery")).isEmpty();
      assertThat(v.series("powermon_energy_joules_total", "domain", "battery")).isEmpty();
    }
  }

  private static double energy(Collector c, String domain) {
    try {
      return MetricValues.of(c.collect()).value("powermon_energy_joules_total", "domain", domain);
    } catch (Exception e) {
      return 0;
    }
  }

  @Test
  void intervalOutsideItsRangeIsRefused() throws Exception {
    assertThatThrownBy(() -> TestContext.forProvider(provider).setting("interval", "10ms").build())
        .hasMessage("collectors.macos.interval: must be at least 100ms, got 10ms");
  }
}
