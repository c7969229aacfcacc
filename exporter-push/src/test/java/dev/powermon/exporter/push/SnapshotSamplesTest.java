package dev.powermon.exporter.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotSamplesTest {
  private final SnapshotSamples converter =
      new SnapshotSamples(Labels.of("instance", "box", "job", "powermon"), labels -> false);

  @Test
  void gaugesCountersAndInfoBecomeSamplesWithTheExposedNameAndTheTargetLabels() {
    MetricSnapshots snapshots =
        MetricSnapshots.of(
            GaugeSnapshot.builder()
                .name("powermon_power_watts")
                .help("h")
                .dataPoint(
                    GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("domain", "total"))
                        .value(12.5)
                        .build())
                .build(),
            CounterSnapshot.builder()
                .name("powermon_energy_joules_total")
                .help("h")
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(1000).build())
                .build(),
            InfoSnapshot.builder()
                .name("powermon_build_info")
                .help("h")
                .dataPoint(
                    InfoSnapshot.InfoDataPointSnapshot.builder()
                        .labels(Labels.of("version", "1"))
                        .build())
                .build());

    List<Sample> samples = converter.of(snapshots, 42);

    assertThat(samples)
        .containsExactlyInAnyOrder(
            new Sample(
                new Series(
                    "powermon_power_watts",
                    Labels.of("domain", "total", "instance", "box", "job", "powermon")),
                42,
                12.5),
            new Sample(
                new Series(
                    "powermon_energy_joules_total",
                    Labels.of("instance", "box", "job", "powermon")),
                42,
                1000),
            new Sample(
                new Series(
                    "powermon_build_info",
                    Labels.of("instance", "box", "job", "powermon", "version", "1")),
                42,
                1));
  }

  @Test
  void sampledPowerSeriesLeaveTheRegularPushAndGoReadingByReading() {
    Labels sampled = Labels.of("source", "rapl", "domain", "total");
    SnapshotSamples withSampler =
        new SnapshotSamples(Labels.of("instance", "box", "job", "powermon"), sampled::equals);
    MetricSnapshots snapshots =
        MetricSnapshots.of(
            GaugeSnapshot.builder()
                .name("powermon_power_watts")
                .help("h")
                .dataPoint(
                    GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(sampled)
                        .value(30)
                        .build())
                .dataPoint(
                    GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("source", "kasa"))
                        .value(5)
                        .build())
                .build());
    Labels pushed = sampled.merge(Labels.of("instance", "box", "job", "powermon"));

    assertThat(withSampler.of(snapshots, 1))
        .extracting(s -> s.series().labels().get("source"))
        .containsExactly("kasa");
    assertThat(withSampler.reading(sampled, 7, 100.5, 31.25))
        .containsExactly(
            new Sample(new Series("powermon_energy_joules_total", pushed), 7, 100.5),
            new Sample(new Series("powermon_power_watts", pushed), 7, 31.25));
    assertThat(withSampler.reading(sampled, 7, 100.5, Double.NaN))
        .hasSize(1); // first reading: energy only
  }

  @Test
  void aSeriesWithItsOwnInstanceKeepsItAsExportedInstance() {
    assertThat((Object) converter.withTarget(Labels.of("instance", "plug-1", "device", "d")))
        .isEqualTo(
            Labels.of(
                "device",
                "d",
                "exported_instance",
                "plug-1",
                "instance",
                "box",
                "job",
                "powermon"));
  }
}
