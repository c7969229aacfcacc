package dev.powermon.exporter.meta;

import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.exporter.table.MetricTable;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;

/**
 * The exporter's own families: per-collector success and duration, build info, config reload state.
 */
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
          .help(
              "Whether the last configuration reload succeeded (1) or failed and the previous one is kept (0).")
          .build();
  public static final MetricSpec WEB_RELOAD_OK =
      MetricSpec.gauge("powermon_web_config_last_reload_successful")
          .help(
              "Whether the last reload of the web config files (TLS, basic auth) succeeded (1) or failed and"
                  + " the listeners keep their previous settings (0).")
          .build();
  public static final MetricSpec RELOAD_TIME =
      MetricSpec.gauge("powermon_config_last_reload_success_timestamp_seconds")
          .help("When the configuration was last loaded successfully, in seconds since the epoch.")
          .build();

  public static final MetricSpec DISCOVERY_DROPPED =
      MetricSpec.counter("powermon_discovered_families_dropped_total")
          .help(
              "Families the collector emitted beyond the "
                  + MetricTable.DISCOVERY_CAP
                  + " it may discover at run time, counted at every collection; they are not served or written"
                  + " to the config file.")
          .labelNames("collector")
          .build();

  public static final MetricSpec COLLECTION_TIME =
      MetricSpec.gauge("powermon_collection_timestamp_seconds")
          .help(
              "When the collection this scrape is served began, in seconds since the epoch: scrapes within"
                  + " powermon_collection_reuse_seconds of it share it, so time() minus this is how old"
                  + " the answer is.")
          .unit("seconds")
          .build();
  public static final MetricSpec COLLECTION_REUSE =
      MetricSpec.gauge("powermon_collection_reuse_seconds")
          .help(
              "How long one collection is served to later scrapes: the shortest interval at which the"
                  + " running collectors sample or poll in the background (while the next collection"
                  + " runs, up to twice this); 0 when one reads at scrape time (then only scrapes"
                  + " arriving while it runs share it).")
          .unit("seconds")
          .build();

  public static final List<MetricSpec> SPECS =
      List.of(
          SUCCESS,
          DURATION,
          BUILD,
          RELOAD_OK,
          RELOAD_TIME,
          WEB_RELOAD_OK,
          DISCOVERY_DROPPED,
          COLLECTION_TIME,
          COLLECTION_REUSE);

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
    Families out = new Families(SPECS);
    for (CollectorOutcome r : results) {
      Labels labels = Labels.of("collector", r.collector());
      out.gauge(SUCCESS, labels, r.success() ? 1 : 0);
      out.gauge(DURATION, labels, r.durationSeconds());
      out.counter(DISCOVERY_DROPPED, labels, droppedFamilies.getOrDefault(r.collector(), 0L));
    }
    out.info(
        BUILD,
        Labels.of(
            "version",
            build.version(),
            "revision",
            build.revision(),
            "java_version",
            build.javaVersion()));
    out.gauge(RELOAD_OK, Labels.EMPTY, reload.successful() ? 1 : 0);
    out.gauge(RELOAD_TIME, Labels.EMPTY, reload.lastSuccessSeconds());
    out.gauge(WEB_RELOAD_OK, Labels.EMPTY, reload.webSuccessful() ? 1 : 0);
    return out.list();
  }

  /**
   * How old a served collection may be: when it began, and how long it is served again.
   *
   * @param startSeconds when it began, in seconds since the epoch
   * @param reuseSeconds how long later scrapes are served it
   */
  public List<MetricSnapshot> collection(double startSeconds, double reuseSeconds) {
    return new Families(SPECS)
        .gauge(COLLECTION_TIME, Labels.EMPTY, startSeconds)
        .gauge(COLLECTION_REUSE, Labels.EMPTY, reuseSeconds)
        .list();
  }

  /** One unlabelled gauge, through the checked builder. */
  static MetricSnapshot single(MetricSpec spec, double value) {
    return new Families(List.of(spec)).gauge(spec, Labels.EMPTY, value).list().get(0);
  }
}
