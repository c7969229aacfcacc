package dev.powermon.windows;

import static dev.powermon.api.BatteryPower.Convention.SIGNED_MILLIWATTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.BatteryPower;
import dev.powermon.api.Collector;
import dev.powermon.api.CollectorProvider;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class WindowsProviderTest {

  private static TestContext context(WindowsProvider provider) {
    return TestContext.forProvider(provider).hostname("gaming-pc").setting("interval", "100ms").build();
  }

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < end && !condition.getAsBoolean()) {
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  /** The scrape's error message, or null when it succeeded. */
  private static String error(Collector c) {
    try {
      c.collect();
      return null;
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  private static boolean noPowerSeries(Collector c) {
    try {
      return MetricValues.of(c.collect()).series("powermon_power_watts").isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void isFoundByServiceLoaderAndMeasuresHostPower() {
    assertThat(ServiceLoader.load(CollectorProvider.class).stream().map(p -> p.get().name())).contains("windows");
    assertThat(new WindowsProvider().measuresHostPower()).isTrue();
  }

  @Test
  void onLinuxItSaysPlainlyWhyNot() throws Exception {
    WindowsProvider real = new WindowsProvider();
    try (TestContext ctx = TestContext.forProvider(real).build()) {
      assertThat(real.probe(ctx).isAvailable()).isFalse();
      assertThat(real.probe(ctx).detail()).isEqualTo("windows collector runs on Windows; this is Linux");
      assertThatThrownBy(() -> real.open(ctx)).hasMessage("windows collector runs on Windows; this is Linux");
    }
  }

  @Test
  void energyMeterFeedsTheUnifiedFamilies() throws Exception {
    FakeHost host = new FakeHost("RAPL_Package0_PKG", "RAPL_Package0_PP0", "RAPL_Package0_DRAM");
    WindowsProvider provider = new WindowsProvider(host);
    try (TestContext ctx = context(provider)) {
      assertThat(provider.probe(ctx).detail()).isEqualTo("3 Energy Meter instances, 0 batteries");
      try (Collector c = provider.open(ctx)) {
        assertThat(eventually(() -> host.meter.reads() >= 3)).isTrue(); // the third read starts after the second is filed
        MetricValues v = MetricValues.of(c.collect());
        // per simulated second: PKG 1e9 pWh = 3.6 W, PP0 3.6 W (inside PKG), DRAM 2.5e8 pWh = 0.9 W
        assertThat(v.value("powermon_power_watts", "source", "windows", "device", "gaming-pc", "domain", "package-0"))
            .isCloseTo(3.6, within(1e-9));
        assertThat(v.value("powermon_power_watts", "domain", "total")).isCloseTo(4.5, within(1e-9));
        double windows = v.value("powermon_energy_joules_total", "domain", "package-0") / 3.6;
        assertThat(windows).isCloseTo(Math.rint(windows), within(1e-9)).isGreaterThanOrEqualTo(2);
        // total energy = windows × (3.6 + 0.9) J
        assertThat(v.value("powermon_energy_joules_total", "domain", "total")).isCloseTo(Math.rint(windows) * 4.5, within(1e-6));
        assertThat(v.value("windows_energy_meter_resets_total")).isZero();
        assertThat(v.series("powermon_power_watts", "domain", "battery")).isEmpty();
      }
      assertThat(host.meter.closed).isTrue();
    }
  }

  @Test
  void batteryIsTheTotalWhereNoEnergyMeterExists() throws Exception {
    FakeHost host = new FakeHost();
    host.batteries.add(new BatteryPower.Reading("Battery 0", -11_000, SIGNED_MILLIWATTS, false, true)); // 11 W drawn
    WindowsProvider provider = new WindowsProvider(host);
    try (TestContext ctx = context(provider); Collector c = provider.open(ctx)) {
      MetricValues v = MetricValues.of(c.collect());
      assertThat(v.value("powermon_power_watts", "domain", "battery")).isEqualTo(11.0);
      assertThat(v.value("powermon_power_watts", "domain", "total")).isEqualTo(11.0);
      assertThat(v.has("windows_energy_meter_resets_total")).isFalse();
      host.batteries.set(0, new BatteryPower.Reading("Battery 0", 45_000, SIGNED_MILLIWATTS, true, false)); // plugged in
      assertThat(eventually(() -> noPowerSeries(c))).isTrue();
      // charging is not consumption: no power series, the counter keeps what discharge added
      assertThat(MetricValues.of(c.collect()).series("powermon_energy_joules_total", "domain", "total")).hasSize(1);
    }
  }

  @Test
  void aMachineWithNothingToReadSaysSo() throws Exception {
    WindowsProvider provider = new WindowsProvider(new FakeHost());
    try (TestContext ctx = context(provider)) {
      assertThat(provider.probe(ctx).detail()).startsWith("no Energy Meter counters (this CPU's power driver publishes none)");
      assertThatThrownBy(() -> provider.open(ctx)).hasMessageStartingWith("no Energy Meter counters");
    }
  }

  @Test
  void aFailingCounterQueryFailsTheScrapeWithPdhStatus() throws Exception {
    FakeHost host = new FakeHost("rapl_package0_pkg");
    WindowsProvider provider = new WindowsProvider(host);
    try (TestContext ctx = context(provider); Collector c = provider.open(ctx)) {
      host.meter.failing = true;
      String broken = "cannot read the Energy Meter counters: PdhCollectQueryData failed with PDH status 0xc0000bc6";
      assertThat(eventually(() -> broken.equals(error(c)))).isTrue();
      host.meter.failing = false;
      assertThat(eventually(() -> error(c) == null)).isTrue();
    }
  }

  @Test
  void pdhThatJnaCannotLoadIsOneLineNamingJnaTmpdirFromProbeAndOpen() throws Exception {
    FakeHost unlinked = new FakeHost() {
      @Override
      public EnergyMeterSource openMeter() {
        throw new UnsatisfiedLinkError("jnidispatch.dll: Access is denied");
      }
    };
    WindowsProvider provider = new WindowsProvider(unlinked);
    String expected = "opening the Energy Meter counters through PDH failed: JNA cannot load its native library "
        + "(java.lang.UnsatisfiedLinkError: jnidispatch.dll: Access is denied); the temporary directory is "
        + "probably on a read-only filesystem or mounted noexec: start powermon with "
        + "-Djna.tmpdir=<a writable directory that allows exec>";
    try (TestContext ctx = context(provider)) {
      assertThat(provider.probe(ctx).isAvailable()).isFalse();
      assertThat(provider.probe(ctx).detail()).isEqualTo(expected);
      assertThatThrownBy(() -> provider.open(ctx)).isInstanceOf(IllegalStateException.class).hasMessage(expected)
          .hasNoCause();
    }
  }

  @Test
  void aMeterReadJnaCannotBindFailsTheScrapeWithOneLineAndTheBatteryKeepsItsOwn() throws Exception {
    FakeMeter unlinking = new FakeMeter(java.util.List.of("rapl_package0_pkg")) {
      @Override
      public synchronized java.util.List<EnergyMeterReading> read() throws java.io.IOException {
        if (failing) {
          throw new NoClassDefFoundError("Could not initialize class com.sun.jna.platform.win32.Pdh");
        }
        return super.read();
      }
    };
    FakeHost unlinkingHost = new FakeHost() {
      @Override
      public EnergyMeterSource openMeter() {
        return unlinking;
      }
    };
    WindowsProvider provider = new WindowsProvider(unlinkingHost);
    try (TestContext ctx = context(provider); Collector c = provider.open(ctx)) {
      unlinking.failing = true;
      assertThat(eventually(() -> error(c) != null && error(c).contains("-Djna.tmpdir"))).isTrue();
      assertThat(error(c)).startsWith("reading the Energy Meter counters through PDH failed: JNA cannot load")
          .doesNotContain("\n");
      unlinking.failing = false; // the schedule survived the Error
      assertThat(eventually(() -> error(c) == null)).isTrue();
    }
  }

  @Test
  void aBatteryJnaCannotReadCostsTheBatteryOnly() throws Exception {
    FakeHost host = new FakeHost("rapl_package0_pkg") {
      @Override
      public dev.powermon.oshi.BatterySource batteries() {
        return () -> {
          throw new UnsatisfiedLinkError("jnidispatch.dll: Access is denied");
        };
      }
    };
    WindowsProvider provider = new WindowsProvider(host);
    try (TestContext ctx = context(provider); Collector c = provider.open(ctx)) {
      assertThat(eventually(() -> host.meter.reads() >= 3)).isTrue();
      MetricValues v = MetricValues.of(c.collect());
      assertThat(v.value("powermon_power_watts", "domain", "package-0")).isCloseTo(3.6, within(1e-9));
      assertThat(v.series("powermon_power_watts", "domain", "battery")).isEmpty();
    }
  }

  @Test
  void staleReadingsAreNotServedAsFreshWithOrWithoutAMeter() throws Exception {
    java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("test");
    FakeHost host = new FakeHost("rapl_package0_pkg");
    host.batteries.add(new BatteryPower.Reading("Battery 0", -11_000, SIGNED_MILLIWATTS, false, true));
    for (EnergyMeterSource meter : java.util.List.<EnergyMeterSource>of(host.meter, new FakeMeter(java.util.List.of()))) {
      WindowsSampler sampler = new WindowsSampler(meter, host.batteries(), nanos::get, log, new dev.powermon.testkit.RecordedProblems());
      sampler.sample();
      try (WindowsCollector c = new WindowsCollector(sampler, meter, new dev.powermon.oshi.SamplerThread("test"),
          "pc", Duration.ofSeconds(5), nanos::get)) {
        nanos.addAndGet(1_000_000_000L);
        sampler.sample();
        assertThat(MetricValues.of(c.collect()).value("powermon_power_watts", "domain", "battery")).isEqualTo(11.0);
        nanos.addAndGet(6_000_000_000L); // the sampler has not finished a run for 6 s
        assertThatThrownBy(c::collect).hasMessage("no fresh reading for 6 s (limit 5 s): the sampler is stuck "
            + "in a PDH or battery call; readings are withheld");
      }
    }
  }

  @Test
  void aReadStuckInPdhStallsThisCollectorOnlyNotTheSharedScheduler() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean entered = new java.util.concurrent.atomic.AtomicBoolean();
    FakeMeter stuck = new FakeMeter(java.util.List.of("rapl_package0_pkg")) {
      @Override
      public synchronized java.util.List<EnergyMeterReading> read() throws java.io.IOException {
        if (reads() >= 2) {
          entered.set(true);
          try {
            release.await(); // a PDH call that never returns
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return super.read();
      }
    };
    FakeHost host = new FakeHost() {
      @Override
      public EnergyMeterSource openMeter() {
        return stuck;
      }
    };
    WindowsProvider provider = new WindowsProvider(host);
    try (TestContext ctx = context(provider); Collector c = provider.open(ctx)) {
      java.util.concurrent.atomic.AtomicInteger shared = new java.util.concurrent.atomic.AtomicInteger();
      ctx.scheduler().scheduleAtFixedRate(shared::incrementAndGet, 0, 10, java.util.concurrent.TimeUnit.MILLISECONDS);
      assertThat(eventually(entered::get)).isTrue(); // this collector's read now hangs
      int before = shared.get();
      assertThat(eventually(() -> shared.get() >= before + 20)).isTrue(); // other collectors' sampling goes on
    } finally {
      release.countDown();
    }
  }

  @Test
  void hostileInstanceNamesBecomeCappedLabelsNeverMetricNames() throws Exception {
    String hostile = "GPU\n" + "x".repeat(1000);
    FakeHost host = new FakeHost("rapl_package0_pkg", hostile);
    WindowsProvider provider = new WindowsProvider(host);
    try (TestContext ctx = context(provider); Collector c = provider.open(ctx)) {
      assertThat(eventually(() -> host.meter.reads() >= 3)).isTrue(); // the third read starts after the second is filed
      MetricValues v = MetricValues.of(c.collect());
      String domain = "gpu" + "x".repeat(125); // control character dropped, cut to 128 characters
      assertThat(v.value("powermon_power_watts", "domain", domain)).isCloseTo(3.6, within(1e-9));
      assertThat(v.value("powermon_power_watts", "domain", "total")).isCloseTo(3.6, within(1e-9)); // not in the total
      assertThat(v.names()).containsExactlyInAnyOrder(
          "powermon_power_watts", "powermon_energy_joules_total", "windows_energy_meter_resets_total");
    }
  }
}
