package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.ExposedNames;
import dev.powermon.api.MetricSpec;
import dev.powermon.jetson.Readings.TegrastatsHealth;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JetsonFamiliesTest {
  private static final String ORIN_NANO =
      "01-05-2025 18:20:44 RAM 3300/7620MB (lfb 6x2MB) SWAP 10/3810MB (cached 2MB) "
          + "CPU [30%@1510,10%@1510,20%@729,0%@729,off,off] EMC_FREQ 7%@2133 GR3D_FREQ 45%@[612] NVDEC off "
          + "VIC 12%@115 APE 200 cpu@60.5C soc2@59.75C gpu@-256C PMIC@100C "
          + "VDD_IN 6010mW/6000mW VDD_CPU_GPU_CV 1610mW/1605 VDD_SOC 1250mW/1249mW";
  private static final String AGX_ORIN =
      "RAM 7001/62841MB CPU [4%@729,2%@729] VDD_GPU_SOC 3120mW/3005mW VDD_CPU_CV 610mW/590mW "
          + "VIN_SYS_5V0 4800mW/4750mW VDDQ_VDD2_1V8AO 620mW/615mW";

  @Test
  void everyFieldOfALineInLabelledFamiliesInBaseUnits() {
    MetricValues v = build(ORIN_NANO, Optional.empty(), false);
    String[] l = {"device_type", "NVIDIA Jetson Orin Nano", "hostname", "edge-1"};

    assertThat(v.value("jetson_ram_used_bytes", l)).isEqualTo(3300.0 * 1048576);
    assertThat(v.value("jetson_ram_total_bytes", l)).isEqualTo(7620.0 * 1048576);
    assertThat(v.value("jetson_swap_cached_bytes", l)).isEqualTo(2.0 * 1048576);
    assertThat(v.value("jetson_cpu_online_cores", l)).isEqualTo(4.0);
    assertThat(v.value("jetson_cpu_usage_ratio", "cpu", "0", "hostname", "edge-1")).isEqualTo(0.30);
    assertThat(v.value("jetson_cpu_usage_ratio", "cpu", "3"))
        .isEqualTo(0.0); // printed 0%: a real zero
    assertThat(v.value("jetson_cpu_frequency_hertz", "cpu", "2")).isEqualTo(729e6);
    assertThat(v.series("jetson_cpu_usage_ratio"))
        .hasSize(4); // cores 4 and 5 are off: no invented zero
    assertThat(v.series("jetson_cpu_usage_ratio", "cpu", "4")).isEmpty();
    assertThat(v.value("jetson_engine_usage_ratio", "engine", "GR3D")).isEqualTo(0.45);
    assertThat(v.value("jetson_engine_frequency_hertz", "engine", "GR3D")).isEqualTo(612e6);
    assertThat(v.value("jetson_engine_usage_ratio", "engine", "EMC")).isEqualTo(0.07);
    assertThat(v.value("jetson_engine_frequency_hertz", "engine", "EMC")).isEqualTo(2133e6);
    assertThat(v.value("jetson_engine_active", "engine", "NVDEC")).isEqualTo(0.0);
    assertThat(v.value("jetson_engine_active", "engine", "VIC")).isEqualTo(1.0);
    assertThat(v.value("jetson_engine_usage_ratio", "engine", "VIC")).isEqualTo(0.12);
    assertThat(v.value("jetson_engine_frequency_hertz", "engine", "APE")).isEqualTo(200e6);
    assertThat(v.series("jetson_engine_usage_ratio", "engine", "APE"))
        .isEmpty(); // APE prints a clock only
    assertThat(v.value("jetson_temperature_celsius", "sensor", "cpu")).isEqualTo(60.5);
    assertThat(v.value("jetson_temperature_celsius", "sensor", "soc2")).isEqualTo(59.75);
    assertThat(v.series("jetson_temperature_celsius", "sensor", "gpu")).isEmpty(); // -256C: offline
    assertThat(v.series("jetson_temperature_celsius", "sensor", "pmic"))
        .isEmpty(); // constant placeholder
    assertThat(v.names())
        .noneMatch(
            n ->
                n.startsWith("jetson_temp_")
                    || n.startsWith("jetson_cpu_core")
                    || n.startsWith("jetson_power_")
                    || n.startsWith("jetson_engine_vic")
                    || n.equals("jetson_gpu_usage_percent"));
  }

  @Test
  void seedFamiliesOnlyWhenAskedFor() {
    MetricValues v = build(ORIN_NANO, Optional.empty(), true);
    String[] l = {"device_type", "NVIDIA Jetson Orin Nano", "hostname", "edge-1"};

    // four online cores: (30 + 10 + 20 + 0) / 4 = 15
    assertThat(v.value("jetson_cpu_avg_usage_percent", l)).isEqualTo(15.0);
    assertThat(v.value("jetson_cpu_core0_usage_percent", l)).isEqualTo(30.0);
    assertThat(v.value("jetson_cpu_core2_freq_hertz", l)).isEqualTo(729e6);
    assertThat(v.has("jetson_cpu_core4_usage_percent")).isFalse();
    assertThat(v.value("jetson_gpu_usage_percent", l)).isEqualTo(45.0);
    assertThat(v.value("jetson_gpu_freq_hertz", l)).isEqualTo(612e6);
    assertThat(v.value("jetson_emc_usage_percent", l)).isEqualTo(7.0);
    assertThat(v.value("jetson_emc_freq_hertz", l)).isEqualTo(2133e6);
    assertThat(v.value("jetson_engine_nvdec_active", l)).isEqualTo(0.0);
    assertThat(v.value("jetson_engine_vic_usage_percent", l)).isEqualTo(12.0);
    assertThat(v.value("jetson_engine_ape_freq_hertz", l)).isEqualTo(200e6);
    assertThat(v.value("jetson_temp_cpu_celsius", l)).isEqualTo(60.5);
    assertThat(v.has("jetson_temp_gpu_celsius")).isFalse();
    assertThat(v.value("jetson_power_vdd_in_watts", l)).isEqualTo(6.01);
    assertThat(v.value("jetson_power_vdd_cpu_gpu_cv_watts")).isEqualTo(1.61);
    // the labelled families are there as well
    assertThat(v.value("jetson_temperature_celsius", "sensor", "cpu")).isEqualTo(60.5);
  }

  @Test
  void upperCaseSensorsOfJetpack5AreLabelledAsJetpack6PrintsThem() {
    MetricValues v = build("RAM 1/2MB CPU [1%@1] CPU@45.5C Tboard@37C", Optional.empty(), false);

    assertThat(v.value("jetson_temperature_celsius", "sensor", "cpu")).isEqualTo(45.5);
    assertThat(v.value("jetson_temperature_celsius", "sensor", "tboard")).isEqualTo(37.0);
  }

  @Test
  void healthCountersAndTheirTypes() {
    Map<String, Long> dropped =
        Map.of("rate", 7L, "too_long", 1L, "cut_short", 1L, "unparsable", 2L);
    MetricValues v =
        build(AGX_ORIN, Optional.of(new TegrastatsHealth(true, 10, dropped, 5, 1)), false);

    assertThat(v.value("jetson_tegrastats_up")).isEqualTo(1.0);
    assertThat(v.value("jetson_tegrastats_lines_total")).isEqualTo(10.0);
    assertThat(v.value("jetson_tegrastats_dropped_lines_total", "reason", "rate")).isEqualTo(7.0);
    assertThat(v.value("jetson_tegrastats_dropped_lines_total", "reason", "unparsable"))
        .isEqualTo(2.0);
    assertThat(v.value("jetson_tegrastats_unknown_tokens_total")).isEqualTo(5.0);
    assertThat(v.value("jetson_tegrastats_restarts_total")).isEqualTo(1.0);
    assertThat(v.text())
        .contains("# TYPE jetson_tegrastats_lines_total counter")
        .contains("# TYPE jetson_tegrastats_dropped_lines_total counter");
  }

  @Test
  void untrackedReadingsAreCountedPerKind() {
    Readings r =
        new Readings(
            Optional.of(TegrastatsParser.parse(AGX_ORIN)),
            Map.of(),
            "tegrastats",
            Optional.empty(),
            Optional.empty(),
            Map.of("sensor", 3L));

    MetricValues v = MetricValues.of(JetsonFamilies.build(r, "x", "h", false));

    assertThat(v.value("jetson_untracked_readings_total", "kind", "sensor")).isEqualTo(3.0);
  }

  @Test
  void twoNamesThatSanitizeAlikeYieldOneSeries() {
    TegrastatsSample s = TegrastatsParser.parse("RAM 1/2MB CPU [1%@1] Tj@40C tj@50C");
    Readings r =
        new Readings(
            Optional.of(s), Map.of(), "tegrastats", Optional.empty(), Optional.empty(), Map.of());

    MetricValues v = MetricValues.of(JetsonFamilies.build(r, "x", "h", true));

    assertThat(v.series("jetson_temp_tj_celsius")).hasSize(1);
    assertThat(v.series("jetson_temperature_celsius", "sensor", "tj")).hasSize(1);
  }

  @Test
  void everythingEmittedIsDeclaredTheSeedFamiliesAsTheyAreNamed() {
    MetricSnapshots plain =
        JetsonFamilies.build(readings(ORIN_NANO, Optional.of(HEALTH)), "x", "h", false);
    MetricSnapshots seed =
        JetsonFamilies.build(readings(ORIN_NANO, Optional.of(HEALTH)), "x", "h", true);

    DeclarationCheck.assertEmitsOnlyDeclared(new JetsonProvider(), plain);
    List<MetricSpec> declared = new ArrayList<>(new JetsonProvider().metrics());
    seed.stream()
        .map(ExposedNames::of)
        .filter(SeedFamilies::isRunTimeName)
        .filter(n -> declared.stream().noneMatch(d -> d.name().equals(n)))
        .forEach(n -> declared.add(SeedFamilies.declaration(n, "seed")));
    DeclarationCheck.assertEmitsOnlyDeclared(declared, seed);
    assertThat(seed.stream().map(ExposedNames::of))
        .contains("jetson_temp_cpu_celsius", "jetson_power_vdd_in_watts");
  }

  private static final TegrastatsHealth HEALTH =
      new TegrastatsHealth(true, 3, Map.of("rate", 1L), 0, 0);

  private static MetricValues build(
      String line, Optional<TegrastatsHealth> health, boolean seedFamilies) {
    return MetricValues.of(
        JetsonFamilies.build(
            readings(line, health), "NVIDIA Jetson Orin Nano", "edge-1", seedFamilies));
  }

  private static Readings readings(String line, Optional<TegrastatsHealth> health) {
    TegrastatsSample s = TegrastatsParser.parse(line);
    Map<String, Double> watts = new HashMap<>();
    s.rails().forEach((rail, r) -> watts.put(rail, r.currentMilliwatts() / 1e3));
    return new Readings(Optional.of(s), watts, "tegrastats", health, Optional.empty(), Map.of());
  }
}
