package dev.powermon.macos;

import static dev.powermon.api.BatteryPower.Convention.SIGNED_MILLIWATTS;
import static dev.powermon.macos.FakePowermetrics.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.BatteryPower;
import dev.powermon.api.Collector;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MeterClass;
import dev.powermon.api.ProbeResult;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
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
  private final List<BatteryPower.Reading> battery =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final MacosProvider provider =
      new MacosProvider(() -> () -> List.copyOf(battery), Duration.ofMillis(10));

  private TestContext context(Path powermetrics) {
    return TestContext.forProvider(provider)
        .hostname("mac-mini")
        .setting("powermetrics", powermetrics.toString())
        .setting("interval", "250ms")
        .build();
  }

  @Test
  void isFoundByServiceLoaderAndMeasuresHostPower() {
    assertThat(ServiceLoader.load(CollectorProvider.class).stream().map(p -> p.get().name()))
        .contains("macos");
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
      assertThatThrownBy(() -> provider.open(ctx))
          .hasMessage("macos collector runs on macOS; this is Linux");
    }
  }

  @Test
  void probeAcceptsAnExplicitExecutableOnly() throws Exception {
    FakePowermetrics fake = FakePowermetrics.write(dir, 1, "exit 0");
    try (TestContext ctx = context(fake.executable)) {
      assertThat(provider.probe(ctx).detail())
          .isEqualTo("powermetrics " + fake.executable + " (named explicitly)");
    }
    try (TestContext ctx = context(dir.resolve("sample.plist"))) {
      assertThat(provider.probe(ctx).isAvailable()).isFalse();
      assertThat(provider.probe(ctx).detail())
          .endsWith("sample.plist is not an executable file; fix --collector.macos.powermetrics");
    }
  }

  @Test
  void feedsComponentReadingsFromPowermetricsAndBattery() throws Exception {
    battery.add(
        new BatteryPower.Reading(
            "InternalBattery-0",
            -12_500,
            SIGNED_MILLIWATTS,
            false,
            false)); // 12.5 W drawn from the battery
    FakePowermetrics fake = FakePowermetrics.write(dir, 3, "exec sleep 60");
    try (TestContext ctx = context(fake.executable);
        Collector c = provider.open(ctx)) {
      RecordedReadings readings = ctx.readings("macos");
      assertThat(eventually(() -> readings.of("mac-mini", "cpu").size() >= 3)).isTrue();
      assertThat(readings.meterClass()).isEqualTo(MeterClass.COMPONENT);
      // the m3 fixture: cpu_power 1311.96 mW, combined_power 1516.02 mW, as power at each window's
      // end
      assertThat(readings.of("mac-mini", "cpu"))
          .extracting(RecordedReadings.Reading::watts)
          .containsOnly(1.31196);
      assertThat(readings.last("mac-mini", "total").watts()).isEqualTo(1.51602);
      assertThat(readings.last("mac-mini", "battery").watts()).isEqualTo(12.5);
      MetricValues v = MetricValues.of(c.collect());
      assertThat(v.value("macos_source_info", "source", "powermetrics")).isEqualTo(1);
      assertThat(v.value("macos_powermetrics_restarts_total")).isZero();
      assertThat(v.has("powermon_power_watts")).isFalse(); // built by the core from the readings
      DeclarationCheck.assertEmitsOnlyDeclared(provider, c.collect());
      assertThat(c.samplingInterval()).contains(Duration.ofMillis(250));
      assertThat(c.summary()).containsExactly("source powermetrics, total 1.516 W");
    }
  }

  @Test
  void aBatteryJnaCannotLoadCostsTheBatteryDomainOnly() throws Exception {
    MacosProvider unlinkedBattery =
        new MacosProvider(
            () ->
                () -> {
                  throw new UnsatisfiedLinkError("libjnidispatch.jnilib: operation not permitted");
                },
            Duration.ofMillis(10));
    FakePowermetrics fake = FakePowermetrics.write(dir, 1, "exec sleep 60");
    try (TestContext ctx =
            TestContext.forProvider(unlinkedBattery)
                .setting("powermetrics", fake.executable.toString())
                .setting("interval", "250ms")
                .hostname("mac-mini")
                .build();
        Collector c = unlinkedBattery.open(ctx)) {
      RecordedReadings readings = ctx.readings("macos");
      assertThat(eventually(() -> !readings.of("mac-mini", "cpu").isEmpty())).isTrue();
      assertThat(readings.last("mac-mini", "cpu").watts()).isEqualTo(1.31196);
      assertThat(readings.of("mac-mini", "battery")).isEmpty();
      assertThat(c.collect()).isNotNull();
    }
  }

  @Test
  void openFailsWithPowermetricsOwnComplaint() throws Exception {
    FakePowermetrics fake =
        FakePowermetrics.write(dir, 0, "echo 'must be invoked as the superuser' >&2; exit 1");
    try (TestContext ctx = context(fake.executable)) {
      assertThatThrownBy(() -> provider.open(ctx))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("exited with status 1: must be invoked as the superuser");
    }
  }

  @Test
  void waitsForTheFirstSampleAndLeavesStalenessToTheCoreByItsInterval() throws Exception {
    // powermetrics that stops printing: no more readings, and the core's staleness (3 x
    // samplingInterval)
    // withholds the last ones; before the first sample a scrape says it is waiting
    FakePowermetrics fake = FakePowermetrics.write(dir, 1, "exec sleep 60");
    PowermetricsSource source =
        new PowermetricsSource(
            fake.executable,
            Duration.ofSeconds(1),
            Duration.ofMillis(10),
            System::nanoTime,
            org.slf4j.LoggerFactory.getLogger("test"),
            new dev.powermon.testkit.RecordedProblems());
    FakeReadings readings = new FakeReadings();
    Battery none =
        new Battery(
            List::of,
            readings.powerOnlyLog(),
            System::nanoTime,
            org.slf4j.LoggerFactory.getLogger("test"));
    try (MacosCollector waiting =
        new MacosCollector(
            source,
            readings.log(),
            none,
            new dev.powermon.oshi.SamplerThread("test"),
            Duration.ofSeconds(1))) {
      assertThatThrownBy(waiting::collect)
          .hasMessage("waiting for the first sample from powermetrics");
      assertThat(waiting.samplingInterval()).contains(Duration.ofSeconds(1));
    }
  }

  @Test
  void intervalOutsideItsRangeIsRefused() throws Exception {
    assertThatThrownBy(() -> TestContext.forProvider(provider).setting("interval", "10ms").build())
        .hasMessage("collectors.macos.interval: must be at least 100ms, got 10ms");
  }
}
