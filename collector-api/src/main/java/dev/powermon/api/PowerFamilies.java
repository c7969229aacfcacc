package dev.powermon.api;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the two families every power source feeds, so that one PromQL query adds up a fleet:
 * {@code powermon_power_watts{source,device,domain}} and {@code powermon_energy_joules_total{source,device,domain}}.
 *
 * <p>Exactly one series per (source, device) carries {@code domain="total"}: the one that may be summed
 * without double counting. The core merges these families across collectors.
 */
public final class PowerFamilies {
  public static final String POWER = "powermon_power_watts";
  public static final String ENERGY = "powermon_energy_joules_total";
  public static final String TOTAL_DOMAIN = "total";

  public static final MetricSpec POWER_SPEC =
      MetricSpec.gauge(POWER)
          .help("Power drawn: the energy-weighted mean over the series' readings of the last 10 seconds,"
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
          .help("What each power source's meter covers: wall (whole devices: plugs, strips, UPS, PSU),"
              + " component (parts of a host: RAPL, GPU, rails) or estimate.")
          .labelNames("source", "class")
          .build();

  /** Both unified families, for a provider's {@link CollectorProvider#metrics()}. */
  public static final List<MetricSpec> SPECS = List.of(POWER_SPEC, ENERGY_SPEC);

  private final String source;
  private final List<GaugeDataPointSnapshot> power = new ArrayList<>();
  private final List<CounterDataPointSnapshot> energy = new ArrayList<>();

  /**
   * Collects points for one collector, {@code source} being its name.
   *
   * @deprecated hand readings to {@link PowerReadings} instead: the core then builds both families, the
   *     windows and remote-write from them. This builder goes once the last collector has migrated
   *     (issue #12); until then the core serves what it builds, except series also fed as readings.
   */
  @Deprecated(forRemoval = true)
  public PowerFamilies(String source) {
    this.source = source;
  }

  /** Adds a power reading; {@code extra} carries source-specific labels (RAPL's socket), or {@link Labels#EMPTY}. */
  public PowerFamilies power(String device, String domain, double watts, Labels extra) {
    power.add(GaugeDataPointSnapshot.builder().labels(labels(device, domain, extra)).value(watts).build());
    return this;
  }

  /** Adds an energy counter reading in joules; must never decrease between scrapes. */
  public PowerFamilies energy(String device, String domain, double joules, Labels extra) {
    energy.add(CounterDataPointSnapshot.builder().labels(labels(device, domain, extra)).value(joules).build());
    return this;
  }

  /** The non-empty families, ready to add to a collector's snapshots. */
  public List<MetricSnapshot> snapshots() {
    List<MetricSnapshot> out = new ArrayList<>(2);
    if (!power.isEmpty()) {
      GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(POWER).help(POWER_SPEC.help());
      power.forEach(b::dataPoint);
      out.add(b.build());
    }
    if (!energy.isEmpty()) {
      CounterSnapshot.Builder b = CounterSnapshot.builder().name(ENERGY).help(ENERGY_SPEC.help());
      energy.forEach(b::dataPoint);
      out.add(b.build());
    }
    return out;
  }

  private Labels labels(String device, String domain, Labels extra) {
    return labels(source, device, domain, extra);
  }

  /**
   * The extra label names {@code declared} (a provider's metrics) gives the unified power family, in
   * declaration order: what {@link PowerReadings} accepts in its {@code extra} labels.
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
      throw new IllegalArgumentException(POWER + ": source " + source + " reads with extra labels " + given
          + " but declares " + declaredExtras + "; declare them with POWER_SPEC.withExtraLabels(...)");
    }
  }

  /** The labels of a power or energy series, as {@link #power} and {@link #energy} give them. */
  public static Labels labels(String source, String device, String domain, Labels extra) {
    return Labels.of(
            "source", source,
            "device", LabelValues.fromDevice(device),
            "domain", LabelValues.fromDevice(domain))
        .merge(extra);
  }
}
