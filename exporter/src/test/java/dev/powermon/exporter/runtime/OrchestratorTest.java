package dev.powermon.exporter.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.ExposedNames;
import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.exporter.meta.BuildInfo;
import dev.powermon.exporter.meta.MetaMetrics;
import dev.powermon.exporter.meta.ProcessMetrics;
import dev.powermon.exporter.meta.ReloadStatus;
import dev.powermon.exporter.table.MetricTable;
import dev.powermon.exporter.window.PowerWindows;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The core's own families are served only as declared: a family that is not is dropped, not the scrape. */
class OrchestratorTest {
  static final MetricSpec QUEUED = MetricSpec.gauge("powermon_push_queued").help("Queued.").build();

  @Test
  void aCoreFamilyThatDiffersFromItsDeclarationIsDroppedAndTheRestServed() {
    Orchestrator orchestrator = new Orchestrator(new MetricTable(null, new LinkedHashMap<>(), Map.of(), Runnable::run),
        new MetaMetrics(BuildInfo.load(), new ReloadStatus()), new ProcessMetrics(), new PowerWindows(),
        new CollectorHealth());
    MetricSnapshot declared = new Families(List.of(QUEUED)).gauge(QUEUED, Labels.EMPTY, 3).list().get(0);
    MetricSnapshot otherLabels = GaugeSnapshot.builder().name("powermon_push_sent").help("Sent.")
        .dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("target", "a")).value(1).build()).build();
    orchestrator.setExtraFamilies(
        List.of(QUEUED, MetricSpec.gauge("powermon_push_sent").help("Sent.").build()),
        () -> List.of(declared, otherLabels));

    List<String> served = new ArrayList<>();
    orchestrator.collect().forEach(s -> served.add(ExposedNames.of(s)));

    assertThat(served).contains("powermon_push_queued", "powermon_build_info", "powermon_config_last_reload_successful")
        .doesNotContain("powermon_push_sent");
  }
}
