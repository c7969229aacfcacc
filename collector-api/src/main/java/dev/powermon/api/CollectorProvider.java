package dev.powermon.api;

import java.util.List;

/**
 * Entry point of a collector module, found through {@code
 * META-INF/services/dev.powermon.api.CollectorProvider}.
 *
 * <p>A provider is cheap to instantiate and touches nothing on the machine until {@link #probe} or
 * {@link #open} is called. It knows nothing of HTTP, YAML files, flags or the metric table: the
 * core turns {@link #settings()} into flags and config keys, and {@link #metrics()} into the metric
 * table and the README.
 */
public interface CollectorProvider {

  /**
   * Collector name, {@code [a-z][a-z0-9]*}: used in {@code --collector NAME} and {@code collectors:
   * {NAME: …}}.
   */
  String name();

  /** One line for {@code --help} and the {@code collectors} listing. */
  String description();

  /** Every setting the collector accepts; each becomes {@code --collector.NAME.SETTING}. */
  default List<SettingSpec> settings() {
    return List.of();
  }

  /** The metric families the collector may emit, for the metric table and the metrics reference. */
  List<MetricSpec> metrics();

  /**
   * Whether a family the collector emits but did not declare in {@link #metrics()} is enabled until
   * the operator decides. Collectors that discover families at run time (Jetson rails) return false
   * here.
   */
  default boolean enabledByDefault(String familyName) {
    return metrics().stream()
        .filter(m -> m.name().equals(familyName))
        .findFirst()
        .map(MetricSpec::enabledByDefault)
        .orElse(true);
  }

  /**
   * True when the collector sends traffic to other machines (Kasa). Such a collector is never
   * enabled unless the operator names it: a networked collector is always {@link #onlyWhenNamed()}.
   */
  default boolean networked() {
    return false;
  }

  /**
   * True when the collector runs only when the operator names it, never just because its probe
   * passes: every {@link #networked()} collector, and one whose cost the operator should choose
   * (process: CPU in proportion to the process count). Help and the {@code collectors} listing give
   * {@link #networked()} as the reason where it is one, and the description otherwise. True
   * whenever {@link #networked()} is (the default): override it only to return true.
   */
  default boolean onlyWhenNamed() {
    return networked();
  }

  /**
   * True when the collector measures this host's own power (RAPL, Jetson, macOS, Windows), so that
   * an estimate is not needed next to it. See {@link CollectorContext#hostPowerMeasured()}.
   */
  default boolean measuresHostPower() {
    return false;
  }

  /**
   * Can the collector run on this machine with these settings? Fast, side-effect free, and when the
   * answer is no, the reason is written for an operator to act on ("energy_uj is readable by root
   * only; see README, RAPL permissions"). Never throws.
   */
  ProbeResult probe(CollectorContext context);

  /**
   * Starts the collector. Collectors that sample in the background schedule their sampler here and
   * should take a first sample before returning (bounded by their own timeout), so that the first
   * scrape and {@code powermon probe} have data.
   *
   * @throws Exception with an operator-readable message when the collector cannot start; the core
   *     reports it as {@code powermon_collector_success 0} and tries again later
   */
  Collector open(CollectorContext context) throws Exception;
}
