package dev.powermon.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.testkit.MetricValues;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the driver prints becomes label values only escaped and capped; what it lacks is absent, not
 * 0.
 */
class NvidiaFamiliesTest {
  @Test
  void hostileNamesAreCappedAndMissingFieldsLeftOut() {
    String name = "GPU\u001b[2J" + "x".repeat(500);
    GpuReading g =
        new GpuReading(
            0,
            "GPU-1",
            name,
            "00000000:01:00.0",
            Double.NaN,
            Double.NaN,
            Double.NaN,
            64,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            List.of());
    MetricValues m = MetricValues.of(NvidiaFamilies.build(List.of(g), "nvidia-smi"));
    String shown = m.labelSets("powermon_nvidia_gpu_info").get(0).get("name");
    assertThat(shown).hasSize(128).startsWith("GPU[2Jxxx").doesNotContain("\u001b");
    assertThat(m.value("powermon_nvidia_temperature_celsius", "device", "GPU-1")).isEqualTo(64.0);
    assertThat(m.has("powermon_nvidia_power_limit_watts")).isFalse();
    assertThat(m.has("powermon_nvidia_utilization_ratio")).isFalse();
    assertThat(m.has("powermon_nvidia_clock_hertz")).isFalse();
  }
}
