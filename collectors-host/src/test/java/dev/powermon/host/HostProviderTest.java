package dev.powermon.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.ProbeResult;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class HostProviderTest {

  @Test
  void registeredForServiceLoaderAndNeverNamedAsMeasuring() {
    assertThat(
            ServiceLoader.load(CollectorProvider.class).stream().map(ServiceLoader.Provider::get))
        .filteredOn(p -> p.name().equals("host"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.measuresHostPower()).isFalse();
              assertThat(p.networked()).isFalse();
            });
  }

  @Test
  void probeSaysWhatItFoundAndWhatTheEstimateWillBe() throws Exception {
    HostProvider provider = new HostProvider(() -> new FakeHostSource(1, 2));
    try (TestContext ctx = TestContext.forProvider(provider).build()) {
      ProbeResult r = provider.probe(ctx);
      assertThat(r.isAvailable()).isTrue();
      // 4 logical CPUs x 4 W = 16 W, idle 20% = 3.2 W
      assertThat(r.detail())
          .isEqualTo(
              "Fake CPU 3000, 4 logical CPUs; estimate on, 3.2 W idle to 16.0 W at full load");
    }
    try (TestContext ctx = TestContext.forProvider(provider).hostPowerMeasured(true).build()) {
      assertThat(provider.probe(ctx).detail())
          .endsWith("estimate off (another collector measures this host)");
    }
  }

  @Test
  void probeAndOpenShareOneSourceBecauseOshiIsCostlyToSetUp() throws Exception {
    AtomicInteger created = new AtomicInteger();
    HostProvider provider =
        new HostProvider(
            () -> {
              created.incrementAndGet();
              return new FakeHostSource(1, 2);
            });
    try (TestContext ctx = TestContext.forProvider(provider).build()) {
      provider.probe(ctx);
      provider.open(ctx).close();
      provider.open(ctx).close();
    }
    assertThat(created).hasValue(1);
  }

  @Test
  void probeRefusesInconsistentSettingsWithTheSettingName() throws Exception {
    HostProvider provider = new HostProvider(() -> new FakeHostSource(1, 2));
    // ranges and choices are checked where settings are read, before probe or open
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> TestContext.forProvider(provider).setting("estimate", "sometimes").build())
        .withMessage("collectors.host.estimate: must be auto, on or off, got sometimes");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TestContext.forProvider(provider).setting("interval", "100ms").build())
        .withMessage("collectors.host.interval: must be at least 500ms, got 100ms");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TestContext.forProvider(provider).setting("tdp-watts", "0").build())
        .withMessage("collectors.host.tdp-watts: must be more than 0, got 0");
    try (TestContext ctx =
        TestContext.forProvider(provider)
            .setting("idle-watts", "20")
            .setting("tdp-watts", "10")
            .build()) {
      ProbeResult r = provider.probe(ctx);
      assertThat(r.isAvailable()).isFalse();
      assertThat(r.detail()).startsWith("collectors.host: ").contains("idle-watts 20.0");
    }
  }

  @Test
  void probeReportsAHostOshiCannotReadInsteadOfThrowing() throws Exception {
    HostProvider provider =
        new HostProvider(
            () -> {
              throw new UnsatisfiedLinkError("libjnidispatch.so: failed to map segment");
            });
    try (TestContext ctx = TestContext.forProvider(provider).build()) {
      ProbeResult r = provider.probe(ctx);
      assertThat(r.isAvailable()).isFalse();
      assertThat(r.detail()).contains("failed to map segment").contains("-Djna.tmpdir");
    }
  }

  @Test
  void openFailsWithOneLineNamingJnaTmpdirOnceJnaIsKnownBroken() throws Exception {
    // After the first UnsatisfiedLinkError every later touch of JNA throws this
    HostProvider provider =
        new HostProvider(
            () -> {
              throw new NoClassDefFoundError("Could not initialize class com.sun.jna.Native");
            });
    try (TestContext ctx = TestContext.forProvider(provider).build()) {
      assertThatIllegalStateException()
          .isThrownBy(() -> provider.open(ctx))
          .withMessage(
              "reading the host through OSHI failed: JNA cannot load its native library "
                  + "(java.lang.NoClassDefFoundError: Could not initialize class com.sun.jna.Native); the "
                  + "temporary directory is probably on a read-only filesystem or mounted noexec: start "
                  + "powermon with -Djna.tmpdir=<a writable directory that allows exec>")
          .withNoCause();
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void realHostThroughOshiShowsSaneMetricsAndALabelledEstimate() throws Exception {
    HostProvider provider = new HostProvider();
    try (TestContext ctx = TestContext.forProvider(provider).hostname("build-host").build()) {
      assertThat(provider.probe(ctx).isAvailable()).isTrue();
      try (Collector c = provider.open(ctx)) {
        MetricValues v = MetricValues.of(c.collect());
        assertThat(v.value("powermon_host_cpu_utilization_ratio")).isBetween(0.0, 1.0);
        double total = v.value("powermon_host_memory_total_bytes");
        assertThat(total).isPositive();
        assertThat(v.value("powermon_host_memory_used_bytes")).isBetween(0.0, total);
        assertThat(v.value("powermon_host_network_receive_bytes_total", "interface", "lo"))
            .isNotNegative();
        assertThat(v.value("powermon_host_uptime_seconds")).isPositive();
        assertThat(v.has("powermon_host_cpu_info")).isTrue();
        assertThat(ctx.readings("estimate").last("build-host", "total").watts()).isPositive();
        DeclarationCheck.assertEmitsOnlyDeclared(provider, c.collect());
        assertThat(c.summary()).singleElement().asString().contains("logical CPUs");
      }
    }
  }
}
