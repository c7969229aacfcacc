package dev.powermon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class PowerFamiliesTest {

  @Test
  void buildsBothFamiliesWithSourceDeviceDomainAndExtraLabels() {
    List<MetricSnapshot> snapshots =
        new PowerFamilies("rapl")
            .power("host1", "package", 12.5, Labels.of("socket", "0"))
            .energy("host1", "package", 1000.25, Labels.of("socket", "0"))
            .snapshots();

    assertThat(snapshots).hasSize(2);
    GaugeSnapshot power = (GaugeSnapshot) snapshots.get(0);
    assertThat(power.getMetadata().getPrometheusName()).isEqualTo("powermon_power_watts");
    assertThat(power.getDataPoints().get(0).getValue()).isEqualTo(12.5);
    assertThat((Object) power.getDataPoints().get(0).getLabels()) // Labels is also an Iterable
        .isEqualTo(Labels.of("source", "rapl", "device", "host1", "domain", "package", "socket", "0"));
    CounterSnapshot energy = (CounterSnapshot) snapshots.get(1);
    assertThat(energy.getMetadata().getPrometheusName()).isEqualTo("powermon_energy_joules");
    assertThat(energy.getDataPoints().get(0).getValue()).isEqualTo(1000.25);
  }

  @Test
  void emptyFamiliesAreLeftOut() {
    assertThat(new PowerFamilies("kasa").snapshots()).isEmpty();
    assertThat(new PowerFamilies("kasa").power("p", "total", 1, Labels.EMPTY).snapshots()).hasSize(1);
  }

  @Test
  void deviceStringsAreCappedAndStrippedOfControlCharacters() {
    String alias = "Lamp\n\u0000" + "x".repeat(500);
    GaugeSnapshot power =
        (GaugeSnapshot) new PowerFamilies("kasa").power(alias, "total", 1, Labels.EMPTY).snapshots().get(0);
    String device = power.getDataPoints().get(0).getLabels().get("device");
    assertThat(device).startsWith("Lampx").hasSize(LabelValues.MAX_LENGTH).doesNotContain("\n");
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
