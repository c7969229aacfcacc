package dev.powermon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import org.junit.jupiter.api.Test;

class FamiliesTest {
  static final MetricSpec TEMP =
      MetricSpec.gauge("x_temperature_celsius").help("Temperature.").labelNames("sensor").build();
  static final MetricSpec BYTES = MetricSpec.counter("x_bytes_total").help("Bytes.").build();
  static final MetricSpec INFO =
      MetricSpec.info("x_device_info").help("Device.").labelNames("model").build();
  static final MetricSpec POWER = PowerFamilies.POWER_SPEC.withExtraLabels("socket");

  private final Families families = new Families(List.of(TEMP, BYTES, INFO, POWER));

  @Test
  void buildsDeclaredFamiliesWithTheirTypesAndHelp() {
    MetricSnapshots out =
        families
            .gauge(TEMP, Labels.of("sensor", "cpu"), 41.5)
            .gauge(TEMP, Labels.of("sensor", "gpu"), 39.0)
            .counter(BYTES, Labels.EMPTY, 1024)
            .info(INFO, Labels.of("model", "HS110"))
            .snapshots();

    assertThat(out.size()).isEqualTo(3); // client_java sorts families by name
    assertThat(ExposedNames.of(out.get(0))).isEqualTo("x_bytes_total");
    assertThat(((CounterSnapshot) out.get(0)).getDataPoints().get(0).getValue()).isEqualTo(1024.0);
    assertThat(ExposedNames.of(out.get(1))).isEqualTo("x_device_info");
    assertThat(out.get(1)).isInstanceOf(InfoSnapshot.class);
    GaugeSnapshot temp = (GaugeSnapshot) out.get(2);
    assertThat(temp.getMetadata().getHelp()).isEqualTo("Temperature.");
    assertThat(temp.getDataPoints()).extracting(p -> p.getValue()).containsExactly(41.5, 39.0);
  }

  @Test
  void aFamilyNotDeclaredIsRefused() {
    MetricSpec other = MetricSpec.gauge("x_other").help("Other.").build();

    assertThatThrownBy(() -> families.gauge(other, Labels.EMPTY, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "x_other: not declared; only families in the provider's metrics() may be emitted");
  }

  @Test
  void aWrongTypeIsRefused() {
    MetricSpec asGauge = MetricSpec.gauge("x_bytes_total").help("Bytes.").build();

    assertThatThrownBy(() -> families.gauge(asGauge, Labels.EMPTY, 1))
        .hasMessageContaining("x_bytes_total: declared as a COUNTER, emitted as a GAUGE");
  }

  @Test
  void labelsThatDifferFromTheDeclarationAreRefused() {
    assertThatThrownBy(() -> families.gauge(TEMP, Labels.of("sensor", "cpu", "zone", "0"), 1))
        .hasMessageContaining(
            "x_temperature_celsius: labels [sensor, zone] differ from the declared [sensor]");
    assertThatThrownBy(() -> families.gauge(TEMP, Labels.EMPTY, 1))
        .hasMessageContaining("x_temperature_celsius: labels [] differ");
  }

  @Test
  void declaredExtraLabelsAreRequiredOnTheSharedFamily() {
    Labels base = PowerFamilies.labels("rapl", "host", "package-0", Labels.EMPTY);

    families.gauge(PowerFamilies.POWER_SPEC, base.add("socket", "0"), 35.0);
    assertThatThrownBy(() -> families.gauge(PowerFamilies.POWER_SPEC, base, 35.0))
        .hasMessageContaining("differ from the declared [source, device, domain, socket]");
  }

  @Test
  void aNegativeCounterIsRefused() {
    assertThatThrownBy(() -> families.counter(BYTES, Labels.EMPTY, -1))
        .hasMessageContaining("x_bytes_total: a counter is never negative");
  }

  @Test
  void extraLabelsAreDeclaredOnACopyOfTheSharedSpec() {
    assertThat(POWER.labelNames()).containsExactly("source", "device", "domain");
    assertThat(POWER.extraLabelNames()).containsExactly("socket");
    assertThat(PowerFamilies.POWER_SPEC.extraLabelNames()).isEmpty();
    assertThatThrownBy(() -> PowerFamilies.POWER_SPEC.withExtraLabels("domain"))
        .hasMessageContaining("label 'domain' is declared twice");
  }

  @Test
  void aUnitIsCheckedAgainstTheNameAndCarriedIntoTheSnapshot() {
    assertThat(
            ExposedNames.of(
                new Families(List.of(PowerFamilies.ENERGY_SPEC))
                    .counter(
                        PowerFamilies.ENERGY_SPEC,
                        PowerFamilies.labels("x", "d", "total", Labels.EMPTY),
                        1)
                    .list()
                    .get(0)))
        .isEqualTo("powermon_energy_joules_total");
    assertThat(
            new Families(List.of(PowerFamilies.POWER_SPEC))
                .gauge(
                    PowerFamilies.POWER_SPEC,
                    PowerFamilies.labels("x", "d", "total", Labels.EMPTY),
                    1)
                .list()
                .get(0)
                .getMetadata()
                .getUnit()
                .toString())
        .isEqualTo("watts");
    assertThatThrownBy(() -> MetricSpec.gauge("x_power").help("P.").unit("watts").build())
        .hasMessageContaining("'x_power': a family with unit 'watts' must be named …_watts.");
  }
}
