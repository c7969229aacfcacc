package dev.powermon.windows;

import dev.powermon.api.LabelValues;
import dev.powermon.api.ParseProblems;
import dev.powermon.api.StateLog;
import dev.powermon.oshi.BatterySource;
import dev.powermon.oshi.FieldProblems;
import dev.powermon.oshi.NativeAccess;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/** One sampling step: the Energy Meter counters and the batteries, into their ledgers. Logs on state change. */
final class WindowsSampler {
  private final EnergyMeterSource meter;
  private final BatterySource batteries;
  private final LongSupplier nanoTime;
  private final Logger log;
  private final EnergyMeterLedger ledger = new EnergyMeterLedger();
  private final BatteryDischarge battery = new BatteryDischarge();
  private static final String METER = "Energy Meter counters";
  private static final String BATTERY = "battery";

  private volatile String problem;
  private volatile long lastMeterNanos;
  private volatile long lastRunNanos;
  private final StateLog states;
  private final FieldProblems fields;

  WindowsSampler(EnergyMeterSource meter, BatterySource batteries, LongSupplier nanoTime, Logger log,
      ParseProblems problems) {
    this.meter = meter;
    this.batteries = batteries;
    this.nanoTime = nanoTime;
    this.log = log;
    this.fields = new FieldProblems(problems);
    this.states = new StateLog(log);
  }

  /** Never throws: it runs on the shared scheduler, where an exception would cancel it. */
  synchronized void sample() {
    try {
      List<EnergyMeterReading> readings = meter.read();
      Map<String, String> problems = new TreeMap<>(ledger.update(readings));
      Set<String> read = new HashSet<>();
      readings.forEach(r -> read.add(r.instance()));
      for (String instance : meter.instances()) {
        if (!read.contains(instance)) {
          problems.putIfAbsent(MeterInstance.of(instance).domain(), "no valid value this time");
        }
      }
      Map<String, String> bounded = new TreeMap<>();
      problems.forEach((domain, reason) -> bounded.put(LabelValues.fromDevice(domain), reason));
      fields.report(bounded);
      lastMeterNanos = nanoTime.getAsLong();
      problem = null;
      states.ok(METER, "readable again");
    } catch (IOException | RuntimeException | LinkageError e) {
      // LinkageError: JNA cannot load; uncaught, it would end the schedule silently
      problem = e instanceof IOException
          ? "cannot read the Energy Meter counters: " + e.getMessage()
          : NativeAccess.describe("reading the Energy Meter counters through PDH", e);
      states.failing(METER, problem);
    }
    try {
      battery.update(batteries.read(), nanoTime.getAsLong());
      states.ok(BATTERY, "readable again");
    } catch (RuntimeException | LinkageError e) {
      battery.update(List.of(), nanoTime.getAsLong()); // unknown is not 0 W: no reading this window
      states.failing(BATTERY, "battery power not reported: " + NativeAccess.describe("reading the battery", e));
    }
    lastRunNanos = nanoTime.getAsLong();
  }

  EnergyMeterLedger ledger() {
    return ledger;
  }

  BatteryDischarge battery() {
    return battery;
  }

  /** When the counters were last read successfully, on {@code nanoTime}'s scale. */
  long lastMeterNanos() {
    return lastMeterNanos;
  }

  /** When a sampling run last finished, whatever it found; a run stuck in a native call never does. */
  long lastRunNanos() {
    return lastRunNanos;
  }

  Optional<String> problem() {
    return Optional.ofNullable(problem);
  }
}
