package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricNamesTest {

  @Test
  void railNamesBecomeLowerCaseComponents() {
    assertThat(MetricNames.railFamily("VDD_GPU_SOC")).contains("jetson_power_vdd_gpu_soc_watts");
    assertThat(MetricNames.component("VDD_CPU_CV")).contains("vdd_cpu_cv");
    assertThat(MetricNames.component("soc012")).contains("soc012");
  }

  @Test
  void charactersOutsideTheAlphabetBecomeUnderscores() {
    assertThat(MetricNames.component("VDD-IN 5V")).contains("vdd_in_5v");
    assertThat(MetricNames.component("rail\u202e\u0000x")).contains("rail__x");
    assertThat(MetricNames.component("Ünïcode")).contains("_n_code");
  }

  @Test
  void refusesEmptyTooLongOrNothingLeft() {
    assertThat(MetricNames.component("")).isEmpty();
    assertThat(MetricNames.component("---")).isEmpty();
    assertThat(MetricNames.component("A".repeat(49))).isEmpty();
    assertThat(MetricNames.component(null)).isEmpty();
    assertThat(MetricNames.component("A".repeat(48))).contains("a".repeat(48));
  }

  @Test
  void inputRailPrefersThorsCarrierInput() {
    assertThat(MetricNames.inputRail(List.of("VDD_GPU", "VIN_SYS_5V0", "VIN"))).contains("VIN");
    assertThat(MetricNames.inputRail(List.of("POM_5V_IN", "POM_5V_GPU"))).contains("POM_5V_IN");
    assertThat(MetricNames.inputRail(List.of("VDD_IN", "VDD_SOC"))).contains("VDD_IN");
    // AGX Orin: VIN_SYS_5V0 is the 5 V system rail, not the input
    assertThat(MetricNames.inputRail(List.of("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0")))
        .isEmpty();
  }
}
