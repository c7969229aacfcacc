package dev.powermon.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.Families;
import dev.powermon.api.PowerFamilies;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricValuesTest {
  private final MetricValues values = MetricValues.of(snapshots());

  private static MetricSnapshots snapshots() {
    List<MetricSnapshot> all =
        new ArrayList<>(
            new Families(PowerFamilies.SPECS)
                .gauge(
                    PowerFamilies.POWER_SPEC,
                    PowerFamilies.labels("kasa", "plug1", "total", Labels.EMPTY),
                    7.5)
                .gauge(
                    PowerFamilies.POWER_SPEC,
                    PowerFamilies.labels("kasa", "plug1", "outlet 1", Labels.EMPTY),
                    2.5)
                .counter(
                    PowerFamilies.ENERGY_SPEC,
                    PowerFamilies.labels("kasa", "plug1", "total", Labels.EMPTY),
                    3600)
                .list());
    all.add(
        InfoSnapshot.builder()
            .name("kasa_device_info")
            .help("h")
            .dataPoint(
                InfoSnapshot.InfoDataPointSnapshot.builder()
                    .labels(Labels.of("alias", "a"))
                    .build())
            .build());
    return new MetricSnapshots(all);
  }

  @Test
  void findsSeriesByExposedNameAndLabelSubset() {
    assertThat(values.value("powermon_power_watts", "domain", "total")).isEqualTo(7.5);
    assertThat(values.value("powermon_energy_joules_total", "device", "plug1")).isEqualTo(3600);
    assertThat(values.value("kasa_device_info", "alias", "a")).isEqualTo(1);
    assertThat(values.names())
        .containsExactlyInAnyOrder(
            "powermon_power_watts", "powermon_energy_joules_total", "kasa_device_info");
    assertThat(values.has("powermon_energy_joules")).isFalse();
  }

  @Test
  void ambiguousOrMissingSeriesFailWithTheExposition() {
    assertThatThrownBy(() -> values.value("powermon_power_watts", "device", "plug1"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("2 series of powermon_power_watts")
        .hasMessageContaining(
            "powermon_power_watts{device=\"plug1\",domain=\"outlet 1\",source=\"kasa\"} 2.5");
    assertThatThrownBy(() -> values.value("nope")).hasMessageStartingWith("0 series of nope");
  }
}
