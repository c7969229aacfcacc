package dev.powermon.nut;

import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Optional;

/**
 * One UPS's series: what it is, how its power was found, its load, battery, voltages and status.
 */
final class NutSeries {
  private NutSeries() {}

  static void add(Families out, UpsState ups) {
    out.info(
        NutFamilies.UPS_INFO,
        Labels.of(
            "ups",
            ups.ups(),
            "description",
            ups.description(),
            "manufacturer",
            ups.manufacturer(),
            "model",
            ups.model(),
            "serial",
            ups.serial()));
    Labels labels = Labels.of("ups", ups.ups());
    ups.power()
        .ifPresent(p -> out.info(NutFamilies.POWER_METHOD, labels.add("method", p.method())));
    gauge(out, NutFamilies.LOAD, labels, ups.load());
    gauge(out, NutFamilies.BATTERY_CHARGE, labels, ups.batteryCharge());
    gauge(out, NutFamilies.BATTERY_RUNTIME, labels, ups.batteryRuntime());
    gauge(out, NutFamilies.INPUT_VOLTAGE, labels, ups.inputVoltage());
    gauge(out, NutFamilies.OUTPUT_VOLTAGE, labels, ups.outputVoltage());
    if (ups.status() != null) {
      for (String flag : UpsStatus.KNOWN) {
        out.gauge(
            NutFamilies.STATUS, labels.add("flag", flag), ups.status().contains(flag) ? 1 : 0);
      }
      ups.status().stream()
          .filter(f -> !UpsStatus.KNOWN.contains(f))
          .forEach(f -> out.gauge(NutFamilies.STATUS, labels.add("flag", f), 1));
    }
    ups.numeric()
        .forEach((var, value) -> out.gauge(NutFamilies.VARIABLE, labels.add("var", var), value));
  }

  private static void gauge(Families out, MetricSpec spec, Labels labels, Optional<Double> value) {
    value.ifPresent(v -> out.gauge(spec, labels, v));
  }
}
