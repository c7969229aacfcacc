package dev.powermon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerFamiliesTest {

  @Test
  void seriesLabelsAreSourceDeviceDomainAndTheExtraLabels() {
    assertThat((Object) PowerFamilies.labels("rapl", "host1", "package", Labels.of("socket", "0")))
        .isEqualTo(
            Labels.of("source", "rapl", "device", "host1", "domain", "package", "socket", "0"));
  }

  @Test
  void deviceStringsAreCappedAndStrippedOfControlCharacters() {
    String alias = "Lamp\n\u0000" + "x".repeat(500);
    String device = PowerFamilies.labels("kasa", alias, "total", Labels.EMPTY).get("device");
    assertThat(device).startsWith("Lampx").hasSize(LabelValues.MAX_LENGTH).doesNotContain("\n");
  }

  @Test
  void theExtraLabelsAReadingMayCarryAreThoseDeclared() {
    List<MetricSpec> declared = List.of(PowerFamilies.POWER_SPEC.withExtraLabels("socket", "die"));
    assertThat(PowerFamilies.declaredExtras(declared)).containsExactly("socket", "die");
    PowerFamilies.requireExtras(
        "rapl", List.of("socket", "die"), Labels.of("socket", "0", "die", ""));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> PowerFamilies.requireExtras("rapl", List.of("socket"), Labels.of("die", "0")))
        .withMessageContaining("declare them with POWER_SPEC.withExtraLabels");
  }

  @Test
  void metricSpecEnforcesSuffixes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MetricSpec.counter("kasa_device_energy_watt_hours").help("h").build())
        .withMessage("'kasa_device_energy_watt_hours': a counter's name must end in _total.");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> MetricSpec.gauge("jetson-power").help("h").build())
        .withMessageContaining("illegal metric name");
  }
}
