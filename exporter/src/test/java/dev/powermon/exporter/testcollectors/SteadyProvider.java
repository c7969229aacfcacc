package dev.powermon.exporter.testcollectors;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/** A collector with fixed readings: 12.5 W total and a family that is off by default. */
public final class SteadyProvider implements CollectorProvider {
  public static final SettingSpec WATTS =
      SettingSpec.builder("watts", SettingType.DECIMAL)
          .defaultValue("12.5")
          .min("0")
          .help("The power to report.")
          .build();
  static final SettingSpec LABEL =
      SettingSpec.builder("label", SettingType.STRING)
          .defaultValue("steady")
          .help("The device label.")
          .build();
  static final MetricSpec TEMPERATURE =
      MetricSpec.gauge("steady_temperature_celsius").help("A temperature.").build();
  static final MetricSpec SECRET =
      MetricSpec.gauge("steady_hidden_ratio")
          .help("A family that is off until enabled.")
          .enabledByDefault(false)
          .build();

  @Override
  public String name() {
    return "steady";
  }

  @Override
  public String description() {
    return "Test collector with fixed readings.";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(WATTS, LABEL);
  }

  @Override
  public List<MetricSpec> metrics() {
    List<MetricSpec> all = new ArrayList<>(PowerFamilies.SPECS);
    all.add(TEMPERATURE);
    all.add(SECRET);
    return all;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    return ProbeResult.available("always here");
  }

  @Override
  public Collector open(CollectorContext context) {
    double watts = context.settings().decimal(WATTS);
    String device = context.settings().string(LABEL);
    PowerReadings readings = context.powerReadings("steady", MeterClass.COMPONENT);
    return new Collector() {
      @Override
      public MetricSnapshots collect() {
        // a device that reports its power and its own energy counter, read at scrape time
        readings.wattsAndJoules(
            device,
            PowerFamilies.TOTAL_DOMAIN,
            Labels.EMPTY,
            context.clock().millis(),
            watts,
            1000);
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(gauge(TEMPERATURE, 41.5));
        out.add(gauge(SECRET, 0.25));
        return new MetricSnapshots(out);
      }

      @Override
      public List<String> summary() {
        return List.of(device + " draws " + watts + " W");
      }
    };
  }

  private static GaugeSnapshot gauge(MetricSpec spec, double value) {
    return GaugeSnapshot.builder()
        .name(spec.name())
        .help(spec.help())
        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build())
        .build();
  }
}
