package dev.powermon.exporter.testcollectors;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * A collector whose device invents new sensor names at every collection, as a tegrastats printing
 * new rails on every line would: {@link #PER_COLLECTION} families it never declared, each time new
 * ones.
 */
public final class InventiveProvider extends NamedOnlyProvider {
  public static final int PER_COLLECTION = 150;

  public InventiveProvider() {
    super("inventive", "Test collector that invents new families at every collection.");
  }

  @Override
  public Collector open(CollectorContext context) {
    int[] collections = {0};
    return () -> {
      int first = collections[0]++ * PER_COLLECTION;
      List<MetricSnapshot> out = new ArrayList<>();
      for (int i = first; i < first + PER_COLLECTION; i++) {
        out.add(
            GaugeSnapshot.builder()
                .name("inventive_sensor_" + i + "_celsius")
                .help("An invented sensor.")
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(40).build())
                .build());
      }
      return new MetricSnapshots(out);
    };
  }
}
