package dev.powermon.exporter.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.ExposedNames;
import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcessMetricsTest {
  private final List<MetricSnapshot> served = new ProcessMetrics().snapshots();

  @Test
  void clientJavaServesExactlyTheDeclaredFamilies() {
    // A client_java upgrade that renames, retypes or relabels a family fails here, not in a
    // dashboard; the reference (docs/metrics.md) is generated from the declarations.
    assertThat(served)
        .extracting(ExposedNames::of)
        .containsExactlyInAnyOrderElementsOf(
            ProcessMetrics.SPECS.stream().map(MetricSpec::name).toList());
    for (MetricSnapshot family : served) {
      assertThat(Families.problems(ProcessMetrics.SPECS, family)).isEmpty();
    }
  }

  @Test
  void theDeclaredHelpIsTheHelpServed() {
    Map<String, MetricSpec> declared =
        ProcessMetrics.SPECS.stream()
            .collect(Collectors.toMap(MetricSpec::name, Function.identity()));
    for (MetricSnapshot family : served) {
      assertThat(family.getMetadata().getHelp())
          .as(ExposedNames.of(family))
          .isEqualTo(declared.get(ExposedNames.of(family)).help());
    }
  }

  @Test
  void residentMemoryAndHeapAreThisProcesssOwn() {
    // Linux: resident memory from /proc/self/status; it holds at least the heap in use.
    double rss = single("process_resident_memory_bytes").getValue();
    double heap =
        ((GaugeSnapshot) family("jvm_memory_used_bytes"))
            .getDataPoints().stream()
                .filter(p -> p.getLabels().get("area").equals("heap"))
                .findFirst()
                .orElseThrow()
                .getValue();
    assertThat(heap).isPositive();
    assertThat(rss).isGreaterThan(heap);
    assertThat(single("process_open_fds").getValue()).isGreaterThanOrEqualTo(3); // stdio at least
  }

  private MetricSnapshot family(String name) {
    return served.stream().filter(s -> ExposedNames.of(s).equals(name)).findFirst().orElseThrow();
  }

  private GaugeSnapshot.GaugeDataPointSnapshot single(String name) {
    List<? extends DataPointSnapshot> points = family(name).getDataPoints();
    assertThat(points).hasSize(1);
    return (GaugeSnapshot.GaugeDataPointSnapshot) points.get(0);
  }
}
