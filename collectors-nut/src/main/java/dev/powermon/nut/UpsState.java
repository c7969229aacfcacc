package dev.powermon.nut;

import dev.powermon.api.LabelValues;
import dev.powermon.net.HostPort;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One UPS after one poll, parsed once: what scrapes render and what the probe prints. A variable
 * that was unusable is simply absent here, and was reported when parsed.
 *
 * @param ups {@code NAME@HOST:PORT}, NUT's own way of naming a UPS, unique across every upsd polled
 * @param status the ups.status flags, or null when the UPS sent no ups.status
 * @param numeric every variable that is a finite number, by name, for the catch-all family
 */
record UpsState(
    String ups,
    String description,
    String manufacturer,
    String model,
    String serial,
    Optional<UpsPower> power,
    Optional<Double> load,
    Optional<Double> batteryCharge,
    Optional<Double> batteryRuntime,
    Optional<Double> inputVoltage,
    Optional<Double> outputVoltage,
    Set<String> status,
    Map<String, Double> numeric) {

  static UpsState parse(
      UpsReading reading, HostPort target, double powerFactor, UpsVariables.Problems problems) {
    String ups = LabelValues.fromDevice(reading.name() + "@" + target.label());
    UpsVariables vars =
        new UpsVariables(
            reading.variables(), (name, why) -> problems.unusable(name, ups + ": " + why));
    Map<String, Double> numeric = new TreeMap<>();
    for (String name : reading.variables().keySet()) {
      vars.anyNumber(name).ifPresent(v -> numeric.put(LabelValues.fromDevice(name), v));
    }
    return new UpsState(
        ups,
        LabelValues.fromDevice(reading.description()),
        LabelValues.fromDevice(first(vars, "device.mfr", "ups.mfr")),
        LabelValues.fromDevice(first(vars, "device.model", "ups.model")),
        LabelValues.fromDevice(first(vars, "device.serial", "ups.serial")),
        UpsPower.of(vars, powerFactor),
        vars.percent("ups.load").map(v -> v / 100),
        vars.percent("battery.charge").filter(v -> v <= 100).map(v -> v / 100),
        vars.nonNegative("battery.runtime"),
        vars.nonNegative("input.voltage"),
        vars.nonNegative("output.voltage"),
        vars.text("ups.status").map(UpsStatus::flags).orElse(null),
        numeric);
  }

  private static String first(UpsVariables vars, String name, String fallback) {
    return vars.text(name).or(() -> vars.text(fallback)).orElse("");
  }
}
