package dev.powermon.windows;

import dev.powermon.api.BatteryPower;
import dev.powermon.api.LabelValues;
import dev.powermon.api.ParseProblems;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.StateLog;
import dev.powermon.oshi.BatterySource;
import dev.powermon.oshi.FieldProblems;
import dev.powermon.oshi.NativeAccess;
import dev.powermon.oshi.PackageEnergy;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * One sampling step: reads the Energy Meter counters and the batteries and hands them to the core
 * as {@link PowerReadings}: each domain's energy counter (never decreasing, see {@link
 * EnergyMeterLedger}), and the power drawn from the batteries (domain {@code battery}, and {@code
 * total} where the Energy Meter has no RAPL instance). Logs on state change.
 */
final class WindowsSampler {
  static final String BATTERY_DOMAIN = "battery";
  private static final String METER = "Energy Meter counters";

  private final EnergyMeterSource meter;
  private final BatterySource batteries;
  private final PowerReadings readings;
  private final Clock clock;
  private final String device;
  private final boolean meterHasTotal;
  private final EnergyMeterLedger ledger = new EnergyMeterLedger();
  private final FieldProblems fields;
  private final StateLog states;
  private volatile String problem;
  private volatile OptionalDouble batteryWatts = OptionalDouble.empty();

  WindowsSampler(
      EnergyMeterSource meter,
      BatterySource batteries,
      PowerReadings readings,
      Clock clock,
      String device,
      Logger log,
      ParseProblems problems) {
    this.meter = meter;
    this.batteries = batteries;
    this.readings = readings;
    this.clock = clock;
    this.device = device;
    this.meterHasTotal =
        meter.instances().stream()
            .map(MeterInstance::of)
            .anyMatch(MeterInstance::countsTowardsTotal);
    this.fields = new FieldProblems(problems);
    this.states = new StateLog(log);
  }

  /** Never throws: it runs on a scheduler, where an exception would cancel it. */
  synchronized void sample() {
    try {
      List<EnergyMeterReading> read = meter.read();
      long now = clock.millis();
      fields.report(problems(read, ledger.update(read)));
      // only domains with a window this read: an unchanged counter would read as 0 W, then a spike
      Map<String, Double> joules = ledger.joules();
      ledger
          .watts()
          .keySet()
          .forEach(
              domain -> readings.joules(device, domain, Labels.EMPTY, now, joules.get(domain)));
      if (ledger.watts().containsKey(EnergyMeterLedger.TOTAL)) { // for the process collector
        PackageEnergy.SHARED.joules("windows", now, joules.get(EnergyMeterLedger.TOTAL));
      }
      problem = null;
      states.ok(METER, "readable again");
    } catch (IOException | RuntimeException | LinkageError e) {
      // LinkageError: JNA cannot load; uncaught, it would end the schedule silently
      problem =
          e instanceof IOException
              ? "cannot read the Energy Meter counters: " + e.getMessage()
              : NativeAccess.describe("reading the Energy Meter counters through PDH", e);
      states.failing(METER, problem);
    }
    try {
      List<BatteryPower.Reading> rates = batteries.read();
      batteryWatts = BatteryPower.drawnWatts(rates);
      states.ok(BATTERY_DOMAIN, "readable again");
    } catch (RuntimeException | LinkageError e) {
      batteryWatts = OptionalDouble.empty(); // unknown is not 0 W: no reading this time
      states.failing(
          BATTERY_DOMAIN,
          "battery power not reported: " + NativeAccess.describe("reading the battery", e));
    }
    batteryWatts.ifPresent(
        w -> {
          long now = clock.millis();
          readings.watts(
              device, BATTERY_DOMAIN, Labels.EMPTY, now, w); // charging draws 0 W from it
          if (!meterHasTotal) {
            readings.watts(device, PowerFamilies.TOTAL_DOMAIN, Labels.EMPTY, now, w);
          }
        });
  }

  /**
   * The ledger's problems, plus instances that gave no valid value; field names capped as labels.
   */
  private Map<String, String> problems(
      List<EnergyMeterReading> read, Map<String, String> fromLedger) {
    Map<String, String> problems = new TreeMap<>(fromLedger);
    Set<String> seen = new HashSet<>();
    read.forEach(r -> seen.add(r.instance()));
    for (String instance : meter.instances()) {
      if (!seen.contains(instance)) {
        problems.putIfAbsent(MeterInstance.of(instance).domain(), "no valid value this time");
      }
    }
    Map<String, String> bounded = new TreeMap<>();
    problems.forEach((domain, reason) -> bounded.put(LabelValues.fromDevice(domain), reason));
    return bounded;
  }

  EnergyMeterLedger ledger() {
    return ledger;
  }

  /** Power drawn from the batteries at the last reading; empty when unknown or none. */
  OptionalDouble batteryWatts() {
    return batteryWatts;
  }

  /** Why the counters cannot be read, or empty. */
  java.util.Optional<String> problem() {
    return java.util.Optional.ofNullable(problem);
  }
}
