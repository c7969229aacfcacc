package dev.powermon.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclarationCheckTest {
  static final MetricSpec TEMP =
      MetricSpec.gauge("x_temperature_celsius").help("Temperature.").labelNames("sensor").build();

  private final CollectorProvider provider =
      new CollectorProvider() {
        @Override
        public String name() {
          return "x";
        }

        @Override
        public String description() {
          return "x";
        }

        @Override
        public List<MetricSpec> metrics() {
          return List.of(TEMP);
        }

        @Override
        public ProbeResult probe(CollectorContext context) {
          return ProbeResult.available("x");
        }

        @Override
        public Collector open(CollectorContext context) {
          throw new UnsupportedOperationException();
        }
      };

  @Test
  void whatTheBuilderMadePasses() {
    MetricSnapshots ok =
        new Families(provider.metrics()).gauge(TEMP, Labels.of("sensor", "cpu"), 40).snapshots();

    assertThatCode(() -> DeclarationCheck.assertEmitsOnlyDeclared(provider, ok))
        .doesNotThrowAnyException();
  }

  @Test
  void aHandBuiltFamilyWithOtherLabelsOrAnUndeclaredNameFails() {
    MetricSnapshots bad =
        new MetricSnapshots(
            GaugeSnapshot.builder()
                .name("x_temperature_celsius")
                .help("t")
                .dataPoint(
                    GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("zone", "0"))
                        .value(1)
                        .build())
                .build(),
            GaugeSnapshot.builder()
                .name("x_undeclared")
                .help("u")
                .dataPoint(GaugeDataPointSnapshot.builder().value(1).build())
                .build());

    assertThatThrownBy(() -> DeclarationCheck.assertEmitsOnlyDeclared(provider, bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "x_temperature_celsius: labels [zone] differ from the declared [sensor]")
        .hasMessageContaining("x_undeclared: not declared");
  }
}
