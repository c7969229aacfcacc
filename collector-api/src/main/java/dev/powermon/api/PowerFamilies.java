package dev.powermon.api;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;

/**
 * The two families every power source feeds, so that one PromQL query adds up a fleet: {@code
 * powermon_power_watts{source,device,domain}} and {@code
 * powermon_energy_joules_total{source,device,domain}}. Collectors declare them ({@link #SPECS},
 * with their own extra labels through {@link MetricSpec#withExtraLabels}) and hand readings to
 * {@link PowerReadings}; the core builds both.
 *
 * <p>Exactly one series per (source, device) carries {@code domain="total"}: the one that may be
 * summed without double counting.
 */
public final class PowerFamilies {
  private PowerFamilies() {}

  public static final String POWER = "powermon_power_watts";
  public static final String ENERGY = "powermon_energy_joules_total";
  public static final String TOTAL_DOMAIN = "total";

  public static final MetricSpec POWER_SPEC =
      MetricSpec.gauge(POWER)
          .help(
              "Power drawn: the energy-weighted mean over the series' readings of the last 10 seconds,"
                  + " ending at its latest reading, in watts.")
          .unit("watts")
          .labelNames("source", "device", "domain")
          .build();
  public static final MetricSpec ENERGY_SPEC =
      MetricSpec.counter(ENERGY)
          .help("Energy consumed since the exporter started measuring, in joules; never decreases.")
          .unit("joules")
          .labelNames("source", "device", "domain")
          .build();
  public static final MetricSpec SOURCE_INFO_SPEC =
      MetricSpec.info("powermon_source_info")
          .help(
              "What each power source's meter covers: wall (whole devices: plugs, strips, UPS, PSU),"
                  + " component (parts of a host: RAPL, GPU, rails) or estimate.")
          .labelNames("source", "class")
          .build();

  /** Both unified families, for a provider's {@link CollectorProvider#metrics()}. */
  public static final List<MetricSpec> SPECS = List.of(POWER_SPEC, ENERGY_SPEC);

  /**
   * The extra label names {@code declared} (a provider's metrics) gives the unified power family,
   * in declaration order: what {@link PowerReadings} accepts in its {@code extra} labels.
   */
  public static List<String> declaredExtras(List<MetricSpec> declared) {
    return declared.stream()
        .filter(m -> m.name().equals(POWER))
        .findFirst()
        .map(MetricSpec::extraLabelNames)
        .orElse(List.of());
  }

  /** Throws unless {@code extra} carries exactly the label names in {@code declaredExtras}. */
  public static void requireExtras(String source, List<String> declaredExtras, Labels extra) {
    java.util.Set<String> given = new java.util.HashSet<>();
    extra.forEach(l -> given.add(l.getName()));
    if (!given.equals(new java.util.HashSet<>(declaredExtras))) {
      throw new IllegalArgumentException(
          POWER
              + ": source "
              + source
              + " reads with extra labels "
              + given
              + " but declares "
              + declaredExtras
              + "; declare them with POWER_SPEC.withExtraLabels(...)");
    }
  }

  /**
   * The labels of a power or energy series: the core's, for each series fed through {@link
   * PowerReadings}.
   */
  public static Labels labels(String source, String device, String domain, Labels extra) {
    return Labels.of(
            "source", source,
            "device", LabelValues.fromDevice(device),
            "domain", LabelValues.fromDevice(domain))
        .merge(extra);
  }
}
