package dev.powermon.jetson;

import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.jetson.TegrastatsSample.CpuCore;
import dev.powermon.jetson.TegrastatsSample.Engine;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The edge exporter's name-per-sensor families, emitted only with {@code seed-families: true}: one
 * family per rail, sensor, core and engine ({@code jetson_power_vdd_in_watts}, {@code
 * jetson_temp_cpu_celsius}), plus its fixed GPU, EMC and mean-CPU families, in its units (percent).
 * Names are built from device strings by {@link MetricNames}; each is declared as it is first
 * built, so the family builder checks these too. The first family of a name wins when two names
 * sanitize alike.
 */
final class SeedFamilies {
  private final Labels labels;
  private final Map<String, MetricSpec> specs = new LinkedHashMap<>();
  private final Map<String, Double> values = new LinkedHashMap<>();

  SeedFamilies(Labels labels) {
    this.labels = labels;
    JetsonFamilies.SEED.forEach(s -> specs.put(s.name(), s));
  }

  /** Whether {@code name} has the shape of a family named at run time; for declaration checks. */
  static boolean isRunTimeName(String name) {
    return name.matches(
        "jetson_(power_.+_watts|temp_.+_celsius|cpu_core\\d+_(usage_percent|freq_hertz)"
            + "|engine_.+_(active|usage_percent|freq_hertz))");
  }

  /** The declaration of a family named at run time, as this class builds it. */
  static MetricSpec declaration(String name, String help) {
    return MetricSpec.gauge(name)
        .help(help)
        .labelNames(JetsonFamilies.DEVICE_TYPE, JetsonFamilies.HOSTNAME)
        .build();
  }

  void sample(TegrastatsSample s) {
    new TreeMap<>(s.temperatures())
        .forEach(
            (sensor, celsius) ->
                MetricNames.component(sensor)
                    .ifPresent(
                        c ->
                            gauge(
                                "jetson_temp_" + c + "_celsius",
                                "Temperature of the " + c + " sensor, in degrees Celsius.",
                                celsius)));
    cores(s);
    new TreeMap<>(s.engines()).forEach(this::engine);
  }

  void rails(Map<String, Double> watts) {
    new TreeMap<>(watts)
        .forEach(
            (rail, w) ->
                MetricNames.railFamily(rail)
                    .ifPresent(
                        name -> {
                          if (!specs.containsKey(name)) {
                            specs.put(
                                name,
                                declaration(
                                    name,
                                    JetsonFamilies.railHelp(
                                        MetricNames.component(rail).orElseThrow())));
                          }
                          values.putIfAbsent(name, w);
                        }));
  }

  private void cores(TegrastatsSample s) {
    double sum = 0;
    int online = 0;
    for (CpuCore c : s.cores()) {
      if (!c.online()) {
        continue;
      }
      online++;
      sum += c.usagePercent().orElse(0);
      String core = "jetson_cpu_core" + c.index();
      c.usagePercent()
          .ifPresent(
              u ->
                  gauge(
                      core + "_usage_percent",
                      "Usage of CPU core " + c.index() + ", in percent.",
                      u));
      c.freqMhz()
          .ifPresent(
              f ->
                  gauge(
                      core + "_freq_hertz",
                      "Clock of CPU core " + c.index() + ", in hertz.",
                      f * JetsonFamilies.MHZ));
    }
    if (online > 0) {
      values.putIfAbsent(JetsonFamilies.CPU_AVG.name(), sum / online);
    }
  }

  /** GR3D and EMC have fixed families; other engines one family per name. */
  private void engine(String name, Engine e) {
    if (name.equals("EMC") || name.equals("GR3D")) {
      boolean emc = name.equals("EMC");
      e.usagePercent()
          .ifPresent(
              u ->
                  values.putIfAbsent(
                      (emc ? JetsonFamilies.EMC_USAGE : JetsonFamilies.GPU_USAGE).name(), u));
      e.freqMhz()
          .ifPresent(
              f ->
                  values.putIfAbsent(
                      (emc ? JetsonFamilies.EMC_FREQ : JetsonFamilies.GPU_FREQ).name(),
                      f * JetsonFamilies.MHZ));
      return;
    }
    MetricNames.component(name)
        .ifPresent(
            c -> {
              String family = "jetson_engine_" + c;
              gauge(
                  family + "_active",
                  "Whether the " + c + " engine is on (1) or off (0).",
                  e.on() ? 1 : 0);
              e.usagePercent()
                  .ifPresent(
                      u ->
                          gauge(
                              family + "_usage_percent",
                              "Usage of the " + c + " engine, in percent.",
                              u));
              e.freqMhz()
                  .ifPresent(
                      f ->
                          gauge(
                              family + "_freq_hertz",
                              "Clock of the " + c + " engine, in hertz.",
                              f * JetsonFamilies.MHZ));
            });
  }

  private void gauge(String name, String help, double value) {
    if (!specs.containsKey(name)) {
      specs.put(name, declaration(name, JetsonFamilies.seedHelp(help)));
    }
    values.putIfAbsent(name, value);
  }

  /** The families with a value, through the family builder. */
  List<MetricSnapshot> list() {
    Families out = new Families(specs.values());
    values.forEach((name, v) -> out.gauge(specs.get(name), labels, v));
    return out.list();
  }
}
