package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.testkit.TestContext;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JetsonProviderTest {
  private final JetsonProvider provider = new JetsonProvider();
  @TempDir Path root;

  @Test
  void registeredForServiceLoader() {
    assertThat(
            ServiceLoader.load(CollectorProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(JetsonProvider.class);
    assertThat(provider.name()).isEqualTo("jetson");
    assertThat(provider.measuresHostPower()).isTrue();
  }

  @Test
  void labelledFamiliesAreDeclaredAndOnByDefault() {
    assertThat(provider.metrics())
        .filteredOn(MetricSpec::enabledByDefault)
        .extracting(MetricSpec::name)
        .contains(
            "jetson_temperature_celsius",
            "jetson_cpu_usage_ratio",
            "jetson_cpu_frequency_hertz",
            "jetson_engine_active",
            "jetson_engine_usage_ratio",
            "jetson_engine_frequency_hertz",
            "jetson_ram_used_bytes",
            "powermon_power_watts",
            "powermon_energy_joules_total");
    assertThat(provider.metrics())
        .filteredOn(m -> m.name().equals("jetson_temperature_celsius"))
        .singleElement()
        .satisfies(
            m -> assertThat(m.labelNames()).containsExactly("device_type", "hostname", "sensor"));
  }

  @Test
  void seedFamiliesAreAnOptInSetMarkedAsSuch() {
    assertThat(JetsonProvider.SEED_FAMILIES.defaultValue()).isEqualTo("false");
    assertThat(JetsonFamilies.SEED)
        .extracting(MetricSpec::name)
        .contains(
            "jetson_power_vdd_in_watts",
            "jetson_cpu_avg_usage_percent",
            "jetson_gpu_usage_percent",
            "jetson_emc_freq_hertz");
    assertThat(JetsonFamilies.SEED)
        .allSatisfy(m -> assertThat(m.help()).endsWith(" Only with seed-families: true."));
    // named at run time, and only emitted when asked for: then served like any other family
    assertThat(provider.enabledByDefault("jetson_temp_cpu_celsius")).isTrue();
  }

  @Test
  void declaredFamiliesCarryTheSeedLabels() {
    assertThat(provider.metrics())
        .filteredOn(m -> m.name().startsWith("jetson_"))
        .allSatisfy(m -> assertThat(m.labelNames()).startsWith("device_type", "hostname"));
    assertThat(provider.metrics()).extracting(MetricSpec::name).doesNotHaveDuplicates();
  }

  @Test
  void probeOnAnOrdinaryMachineSaysWhatIsMissing() throws Exception {
    try (TestContext ctx = context(root.resolve("sys"), root.resolve("tegrastats"))) {
      ProbeResult r = provider.probe(ctx);

      assertThat(r.isAvailable()).isFalse();
      assertThat(r.detail())
          .startsWith("not a Jetson: no executable tegrastats at " + root.resolve("tegrastats"));
    }
  }

  @Test
  void probeOnAJetsonWithoutSourcesNamesTheBoard() throws Exception {
    SysfsTree.write(
        root.resolve("proc/device-tree/model"), "NVIDIA Jetson Xavier NX Developer Kit\0");
    try (TestContext ctx = context(root.resolve("sys"), root.resolve("tegrastats"))) {
      ProbeResult r = provider.probe(ctx);

      assertThat(r.isAvailable()).isFalse();
      assertThat(r.detail())
          .startsWith("NVIDIA Jetson Xavier NX Developer Kit, but no executable tegrastats")
          .endsWith("install nvidia-l4t-tools or set --collector.jetson.tegrastats");
    }
  }

  @Test
  void probeWithAFakeTreeOrAFakeTegrastatsIsAvailable() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack5OrinNano();
    Path tegrastats = new FakeTegrastats(root).steady("RAM 1/2MB").install();
    try (TestContext sysfsOnly = context(tree.sysfs(), root.resolve("absent"));
        TestContext tegrastatsOnly = context(root.resolve("empty"), tegrastats)) {
      assertThat(provider.probe(sysfsOnly).detail())
          .isEqualTo(
              "NVIDIA Jetson Orin Nano Developer Kit; 3 INA rails (VDD_IN, VDD_CPU_GPU_CV, VDD_SOC), total VDD_IN;"
                  + " tegrastats not found at "
                  + root.resolve("absent"));
      assertThat(provider.probe(tegrastatsOnly).isAvailable()).isTrue();
    }
  }

  @Test
  void openWithoutAnySourceFailsWithTheReason() throws Exception {
    try (TestContext ctx = context(root.resolve("sys"), root.resolve("tegrastats"))) {
      assertThatExceptionOfType(IllegalStateException.class)
          .isThrownBy(() -> provider.open(ctx))
          .withMessageStartingWith("not a Jetson");
    }
  }

  @Test
  void intervalBelowTenMillisecondsIsRefusedWhenTheSettingIsRead() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> TestContext.forProvider(provider).setting("interval", "5ms").build())
        .withMessageContaining("at least 10ms, got 5ms");
  }

  private TestContext context(Path sysfs, Path tegrastats) {
    return TestContext.forProvider(provider)
        .setting("sysfs", sysfs.toString())
        .setting("tegrastats", tegrastats.toString())
        .build();
  }
}
