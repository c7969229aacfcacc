package dev.powermon.windows;

import static dev.powermon.api.BatteryPower.Convention.SIGNED_MILLIWATTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.BatteryPower;
import dev.powermon.api.Collector;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MeterClass;
import dev.powermon.oshi.PackageEnergy;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedProblems;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.TestContext;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class WindowsProviderTest {

  private static TestContext context(WindowsProvider provider) {
    return TestContext.forProvider(provider)
        .hostname("gaming-pc")
        .setting("interval", "100ms")
        .build();
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

  /** The latest energy counter handed over for {@code domain}, or 0 before any. */
  private static double joules(TestContext ctx, String domain) {
    List<RecordedReadings.Reading> of = ctx.readings("windows").of("gaming-pc", domain);
    return of.isEmpty() ? 0 : of.get(of.size() - 1).joules();
  }

  @Test
  void isFoundByServiceLoaderAndMeasuresHostPower() {
    assertThat(ServiceLoader.load(CollectorProvider.class).stream().map(p -> p.get().name()))
        .contains("windows");
    assertThat(new WindowsProvider().measuresHostPower()).isTrue();
  }

  @Test
  void onLinuxItSaysPlainlyWhyNot() throws Exception {
    WindowsProvider real = new WindowsProvider();
    try (TestContext ctx = TestContext.forProvider(real).build()) {
      assertThat(real.probe(ctx).isAvailable()).isFalse();
      assertThat(real.probe(ctx).detail())
          .isEqualTo("windows collector runs on Windows; this is Linux");
      assertThatThrownBy(() -> real.open(ctx))
          .hasMessage("windows collector runs on Windows; this is Linux");
    }
  }

  @Test
  void energyMeterFeedsComponentReadingsPerDomain() throws Exception {
    FakeHost host = new FakeHost("RAPL_Package0_PKG", "RAPL_Package0_PP0", "RAPL_Package0_DRAM");
    WindowsProvider provider = new WindowsProvider(host);
    try (TestContext ctx = context(provider)) {
      assertThat(provider.probe(ctx).detail()).isEqualTo("3 Energy Meter instances, 0 batteries");
      try (Collector c = provider.open(ctx)) {
        // per simulated second: PKG 1e9 pWh = 3.6 J, PP0 3.6 J (inside PKG), DRAM 2.5e8 pWh = 0.9 J
        assertThat(eventually(() -> joules(ctx, "total") >= 2 * 4.5 - 1e-9)).isTrue();
        RecordedReadings readings = ctx.readings("windows");
        assertThat(readings.meterClass()).isEqualTo(MeterClass.COMPONENT);
        double windows = joules(ctx, "package-0") / 3.6;
        assertThat(windows).isCloseTo(Math.rint(windows), within(1e-9));
        // total = PKG + DRAM, never PKG + PP0: windows x 4.5 J, and the counter never decreases
        RecordedReadings.Reading total = readings.last("gaming-pc", "total");
        assertThat(total.joules())
            .isCloseTo(joules(ctx, "package-0") + joules(ctx, "dram-0"), within(1e-6));
        assertThat(total.watts()).isNaN(); // the core derives power from the counter
        // and the process collector shares out the same total
        assertThat(PackageEnergy.SHARED.latest().collector()).isEqualTo("windows");
        assertThat(PackageEnergy.SHARED.latest().joules()).isGreaterThanOrEqualTo(2 * 4.5 - 1e-9);
        List<RecordedReadings.Reading> all = readings.of("gaming-pc", "total");
        for (int i = 1; i < all.size(); i++) {
          assertThat(all.get(i).joules()).isGreaterThanOrEqualTo(all.get(i - 1).joules());
        }
        MetricValues v = MetricValues.of(c.collect());
        assertThat(v.value("windows_energy_meter_resets_total")).isZero();
        assertThat(v.has("powermon_power_watts")).isFalse(); // the core builds it from the readings
        DeclarationCheck.assertEmitsOnlyDeclared(provider, c.collect());
        assertThat(c.samplingInterval()).contains(Duration.ofMillis(100));
        assertThat(readings.of("gaming-pc", "battery")).isEmpty();
      }
      assertThat(host.meter.closed).isTrue();
    }
  }

  @Test
  void batteryIsTheTotalWhereNoEnergyMeterExists() throws Exception {
    FakeHost host = new FakeHost();
    host.batteries.add(
        new BatteryPower.Reading(
            "Battery 0", -11_000, SIGNED_MILLIWATTS, false, true)); // 11 W drawn
    WindowsProvider provider = new WindowsProvider(host);
    try (TestContext ctx = context(provider);
        Collector c = provider.open(ctx)) {
      RecordedReadings readings = ctx.readings("windows");
      assertThat(readings.last("gaming-pc", "battery").watts()).isEqualTo(11.0);
      assertThat(readings.last("gaming-pc", "total").watts()).isEqualTo(11.0);
      assertThat(MetricValues.of(c.collect()).has("windows_energy_meter_resets_total")).isFalse();
      host.batteries.set(
          0,
          new BatteryPower.Reading(
              "Battery 0", 45_000, SIGNED_MILLIWATTS, true, false)); // plugged in
      // charging is not consumption: 0 W drawn from the battery
      assertThat(eventually(() -> readings.last("gaming-pc", "total").watts() == 0.0)).isTrue();
    }
  }

  @Test
  void aMachineWithNothingToReadSaysSo() throws Exception {
    WindowsProvider provider = new WindowsProvider(new FakeHost());
    try (TestContext ctx = context(provider)) {
      assertThat(provider.probe(ctx).detail())
          .startsWith("no Energy Meter counters (this CPU's power driver publishes none)");
      assertThatThrownBy(() -> provider.open(ctx))
          .hasMessageStartingWith("no Energy Meter counters");
    }
  }

  @Test
  void aFailingCounterQueryFailsTheScrapeWithPdhStatus() throws Exception {
    FakeHost host = new FakeHost("rapl_package0_pkg");
    WindowsProvider provider = new WindowsProvider(host);
    try (TestContext ctx = context(provider);
        Collector c = provider.open(ctx)) {
      host.meter.failing = true;
      String broken =
          "cannot read the Energy Meter counters: PdhCollectQueryData failed with PDH status 0xc0000bc6";
      assertThat(eventually(() -> broken.equals(error(c)))).isTrue();
      host.meter.failing = false;
      assertThat(eventually(() -> error(c) == null)).isTrue();
    }
  }

  @Test
  void pdhThatJnaCannotLoadIsOneLineNamingJnaTmpdirFromProbeAndOpen() throws Exception {
    FakeHost unlinked =
        new FakeHost() {
          @Override
          public EnergyMeterSource openMeter() {
            throw new UnsatisfiedLinkError("jnidispatch.dll: Access is denied");
          }
        };
    WindowsProvider provider = new WindowsProvider(unlinked);
    String expected =
        "opening the Energy Meter counters through PDH failed: JNA cannot load its native library "
            + "(java.lang.UnsatisfiedLinkError: jnidispatch.dll: Access is denied); the temporary directory is "
            + "probably on a read-only filesystem or mounted noexec: start powermon with "
            + "-Djna.tmpdir=<a writable directory that allows exec>";
    try (TestContext ctx = context(provider)) {
      assertThat(provider.probe(ctx).isAvailable()).isFalse();
      assertThat(provider.probe(ctx).detail()).isEqualTo(expected);
      assertThatThrownBy(() -> provider.open(ctx))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(expected)
          .hasNoCause();
    }
  }

  @Test
  void aMeterReadJnaCannotBindFailsTheScrapeWithOneLineAndTheBatteryKeepsItsOwn() throws Exception {
    FakeMeter unlinking =
        new FakeMeter(java.util.List.of("rapl_package0_pkg")) {
          @Override
          public synchronized java.util.List<EnergyMeterReading> read() throws java.io.IOException {
            if (failing) {
              throw new NoClassDefFoundError(
                  "Could not initialize class com.sun.jna.platform.win32.Pdh");
            }
            return super.read();
          }
        };
    FakeHost unlinkingHost = new FakeHost(unlinking);
    WindowsProvider provider = new WindowsProvider(unlinkingHost);
    try (TestContext ctx = context(provider);
        Collector c = provider.open(ctx)) {
      unlinking.failing = true;
      assertThat(eventually(() -> error(c) != null && error(c).contains("-Djna.tmpdir"))).isTrue();
      assertThat(error(c))
          .startsWith("reading the Energy Meter counters through PDH failed: JNA cannot load")
          .doesNotContain("\n");
      unlinking.failing = false; // the schedule survived the Error
      assertThat(eventually(() -> error(c) == null)).isTrue();
    }
  }

  @Test
  void aBatteryJnaCannotReadCostsTheBatteryOnly() throws Exception {
    FakeHost host =
        new FakeHost("rapl_package0_pkg") {
          @Override
          public dev.powermon.oshi.BatterySource batteries() {
            return () -> {
              throw new UnsatisfiedLinkError("jnidispatch.dll: Access is denied");
            };
          }
        };
    WindowsProvider provider = new WindowsProvider(host);
    try (TestContext ctx = context(provider);
        Collector c = provider.open(ctx)) {
      assertThat(eventually(() -> joules(ctx, "package-0") >= 2 * 3.6 - 1e-9)).isTrue();
      assertThat(ctx.readings("windows").of("gaming-pc", "battery")).isEmpty();
      assertThat(c.collect()).isNotNull();
    }
  }

  @Test
  void aDomainWithoutAWindowThisReadGetsNoReadingRatherThanAFlatCounter() throws Exception {
    FakeMeter meter =
        new FakeMeter(List.of("rapl_package0_pkg", "rapl_package0_dram")) {
          @Override
          public synchronized List<EnergyMeterReading> read() throws java.io.IOException {
            List<EnergyMeterReading> all = super.read();
            // the third read has no valid PKG value
            return reads() == 3
                ? all.stream().filter(r -> r.instance().endsWith("dram")).toList()
                : all;
          }
        };
    RecordedProblems problems = new RecordedProblems();
    try (TestContext ctx = context(new WindowsProvider(new FakeHost(meter)))) {
      RecordedReadings readings = ctx.powerReadings("windows", MeterClass.COMPONENT);
      WindowsSampler sampler =
          new WindowsSampler(
              meter,
              List::of,
              readings,
              ctx.clock(),
              "pc",
              org.slf4j.LoggerFactory.getLogger("test"),
              problems);
      for (int i = 0; i < 4; i++) {
        sampler.sample();
      }
      // reads 2 and 4 give package-0 a window (3.6 J, then 7.2 J over two seconds); read 3 gives
      // none
      assertThat(readings.of("pc", "package-0"))
          .extracting(RecordedReadings.Reading::joules)
          .containsExactly(3.6, 10.8);
      assertThat(readings.of("pc", "dram-0")).hasSize(3);
      assertThat(readings.of("pc", "total")).hasSize(2); // no total from half the machine
      assertThat(problems.count("package-0")).isEqualTo(1);
      assertThat(problems.failing()).isEmpty(); // it read again
    }
  }

  @Test
  void aReadStuckInPdhStallsThisCollectorOnlyNotTheSharedScheduler() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean entered =
        new java.util.concurrent.atomic.AtomicBoolean();
    FakeMeter stuck =
        new FakeMeter(java.util.List.of("rapl_package0_pkg")) {
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
    FakeHost host = new FakeHost(stuck);
    WindowsProvider provider = new WindowsProvider(host);
    try (TestContext ctx = context(provider);
        Collector c = provider.open(ctx)) {
      java.util.concurrent.atomic.AtomicInteger shared =
          new java.util.concurrent.atomic.AtomicInteger();
      ctx.scheduler()
          .scheduleAtFixedRate(
              shared::incrementAndGet, 0, 10, java.util.concurrent.TimeUnit.MILLISECONDS);
      assertThat(eventually(entered::get)).isTrue(); // this collector's read now hangs
      int readingsBefore = ctx.readings("windows").all().size();
      int before = shared.get();
      assertThat(eventually(() -> shared.get() >= before + 20))
          .isTrue(); // other collectors' sampling goes on
      // no reading arrives while stuck: the core's staleness (3 x samplingInterval) withholds the
      // old ones
      assertThat(ctx.readings("windows").all()).hasSize(readingsBefore);
      assertThat(c.samplingInterval()).contains(Duration.ofMillis(100));
    } finally {
      release.countDown();
    }
  }

  @Test
  void hostileInstanceNamesBecomeCappedFieldAndDomainNamesNeverMetricNames() throws Exception {
    String hostile = "GPU\n" + "x".repeat(1000);
    FakeHost host = new FakeHost("rapl_package0_pkg", hostile);
    WindowsProvider provider = new WindowsProvider(host);
    try (TestContext ctx = context(provider);
        Collector c = provider.open(ctx)) {
      assertThat(eventually(() -> joules(ctx, "total") >= 2 * 3.6 - 1e-9)).isTrue();
      // exported as its own domain (the core caps the label), never in the total
      assertThat(joules(ctx, hostile.toLowerCase(java.util.Locale.ROOT)))
          .isCloseTo(joules(ctx, "package-0"), within(1e-9));
      assertThat(joules(ctx, "total")).isCloseTo(joules(ctx, "package-0"), within(1e-9));
      assertThat(MetricValues.of(c.collect()).names())
          .containsExactly("windows_energy_meter_resets_total");
    }
  }
}
