package dev.powermon.exporter.testcollectors;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * A collector that cannot run here, as RAPL behind unreadable {@code energy_uj} files cannot: its
 * probe says why and what to do. Asked for only through its setting, to show that intent counts as
 * naming.
 */
public final class UnreadyProvider implements CollectorProvider {
  public static final String HINT =
      "energy files are readable by root only; add powermon to the power group";
  static final SettingSpec PATH =
      SettingSpec.builder("path", SettingType.STRING)
          .defaultValue("/nowhere")
          .help("Where to read.")
          .build();

  @Override
  public String name() {
    return "unready";
  }

  @Override
  public String description() {
    return "Test collector whose probe fails.";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(PATH);
  }

  @Override
  public List<MetricSpec> metrics() {
    return List.of();
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    return ProbeResult.unavailable(HINT);
  }

  @Override
  public Collector open(CollectorContext context) {
    return MetricSnapshots::new; // never reached: the probe fails first
  }
}
