package dev.powermon.exporter.meta;

import dev.powermon.exporter.table.MetricTable;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import dev.powermon.api.MetricSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The exporter's own families: per-collector success and duration, build info, config reload state. */
public final class MetaMetrics {
  public static final MetricSpec SUCCESS =
      MetricSpec.gauge("powermon_collector_success")
          .help("Whether the collector's last collection succeeded (1) or failed (0).")
          .labelNames("collector")
          .build();
  public static final MetricSpec DURATION =
      MetricSpec.gauge("powermon_collector_duration_seconds")
          .help("How long the collector's last collection took, in seconds.")
          .labelNames("collector")
          .build();
  public static final MetricSpec BUILD =
      MetricSpec.info("powermon_build_info")
          .help("powermon's version and revision, and the Java runtime it runs on.")
          .labelNames("version", "revision", "java_version")
          .build();
  public static final MetricSpec RELOAD_OK =
      MetricSpec.gauge("powermon_config_last_reload_successful")
          .help("Whether the last configuration reload succeeded (1) or failed and the previous one is kept (0).")
          .build();
  public static final MetricSpec RELOAD_TIME =
      MetricSpec.gauge("powermon_config_last_reload_success_timestamp_seconds")
          .help("When the configuration was last loaded successfully, in seconds since the epoch.")
          .build();

  public static final MetricSpec DISCOVERY_DROPPED =
      MetricSpec.counter("powermon_discovered_families_dropped_total")
          .help("Families the collector emitted beyond the " + MetricTable.DISCOVERY_CAP
              + " it may discover at run time, counted at every collection; they are not served or written"
              + " to the config file.")
          .labelNames("collector")
          .build();

  public static final List<MetricSpec> SPECS =
      List.of(SUCCESS, DURATION, BUILD, RELOAD_OK, RELOAD_TIME, DISCOVERY_DROPPED);

  private final BuildInfo build;
  private final ReloadStatus reload;

  public MetaMetrics(BuildInfo build, ReloadStatus reload) {
    this.build = build;
    this.reload = reload;
  }

  /**
   * @param droppedFamilies per collector, the families refused beyond its discovery cap so far
   */
  public List<MetricSnapshot> snapshots(
      List<? extends CollectorOutcome> results, Map<String, Long> droppedFamilies) {
    GaugeSnapshot.Builder success = GaugeSnapshot.builder().name(SUCCESS.name()).help(SUCCESS.help());
    GaugeSnapshot.Builder duration = GaugeSnapshot.builder().name(DURATION.name()).help(DURATION.help());
    CounterSnapshot.Builder dropped =
        CounterSnapshot.builder().name(DISCOVERY_DROPPED.name()).help(DISCOVERY_DROPPED.help());
    for (CollectorOutcome r : results) {
      Labels labels = Labels.of("collector", r.collector());
      success.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(r.success() ? 1 : 0).build());
      duration.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(r.durationSeconds()).build());
      dropped.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels)
          .value(droppedFamilies.getOrDefault(r.collector(), 0L)).build());
    }
    List<MetricSnapshot> out = new ArrayList<>();
    out.add(success.build());
    out.add(duration.build());
    out.add(dropped.build());
    out.add(
        InfoSnapshot.builder()
            .name(BUILD.name())
            .help(BUILD.help())
            .dataPoint(
                InfoSnapshot.InfoDataPointSnapshot.builder()
                    .labels(Labels.of("version", build.version(), "revision", build.revision(), "java_version", build.javaVersion()))
                    .build())
            .build());
    out.add(single(RELOAD_OK, reload.successful() ? 1 : 0));
    out.add(single(RELOAD_TIME, reload.lastSuccessSeconds()));
    return out;
  }

  static GaugeSnapshot single(MetricSpec spec, double value) {
    return GaugeSnapshot.builder()
        .name(spec.name())
        .help(spec.help())
        .dataPoint(GaugeDataPointSnapshot.builder().value(value).build())
        .build();
  }
}
