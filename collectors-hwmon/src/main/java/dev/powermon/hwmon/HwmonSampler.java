package dev.powermon.hwmon;

import dev.powermon.api.CounterLedger;
import dev.powermon.api.ParseProblems;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.StateLog;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads every chip (and the PMIC) once per interval: power goes to the core's {@link
 * PowerReadings}, energy counters through a {@link CounterLedger} each, and the whole reading is
 * kept for scrapes. Runs on one thread.
 */
final class HwmonSampler {
  /** What one sample saw. */
  record Snapshot(
      List<Chip> chips,
      Optional<PmicReading> pmic,
      Map<String, Double> energy,
      boolean fedPower,
      long epochMillis) {}

  private final HwmonSource hwmon;
  private final PmicSource pmic;
  private final Rails rails;
  private final String host;
  private final Map<String, PowerReadings> readings;
  private final ParseProblems problems;
  private final StateLog log;
  private final Clock clock;
  private final Map<String, CounterLedger> ledgers = new HashMap<>();
  private Map<String, Set<String>> fedDevices = new HashMap<>();
  private volatile Snapshot latest;

  /**
   * @param pmic null when there is no PMIC to read
   * @param readings one per unified source ({@link UnifiedSources})
   */
  HwmonSampler(
      HwmonSource hwmon,
      PmicSource pmic,
      Rails rails,
      String host,
      Map<String, PowerReadings> readings,
      ParseProblems problems,
      StateLog log,
      Clock clock) {
    this.hwmon = hwmon;
    this.pmic = pmic;
    this.rails = rails;
    this.host = host;
    this.readings = readings;
    this.problems = problems;
    this.log = log;
    this.clock = clock;
  }

  void sample() {
    List<Chip> chips = hwmon.read();
    Optional<PmicReading> pmicReading = readPmic();
    long now = clock.millis();
    Map<String, Double> energy = new HashMap<>();
    for (Chip chip : chips) {
      for (Sensor s : chip.sensors(SensorKind.ENERGY)) {
        String key = chip.label() + "/" + s.name();
        energy.put(key, ledgers.computeIfAbsent(key, k -> new CounterLedger()).add(s.value()));
      }
    }
    List<PowerChannel> channels = new ArrayList<>(KnownChips.channels(chips, rails, host));
    pmicReading
        .filter(p -> !p.watts().isEmpty())
        .ifPresent(
            p ->
                channels.add(
                    new PowerChannel(
                        UnifiedSources.PMIC, host, PmicReading.SUM, p.sum(), Double.NaN)));
    feed(channels, now);
    checkRails(chips);
    latest =
        new Snapshot(List.copyOf(chips), pmicReading, Map.copyOf(energy), !channels.isEmpty(), now);
  }

  /** Releases the source's reading threads. */
  void close() {
    hwmon.close();
  }

  /** The last sample, or null before the first. */
  Snapshot latest() {
    return latest;
  }

  private Optional<PmicReading> readPmic() {
    if (pmic == null) {
      return Optional.empty();
    }
    try {
      return PmicParser.parse(pmic.read(), problems);
    } catch (IOException e) {
      problems.problem(PmicParser.FIELD, e.getMessage());
      return Optional.empty();
    }
  }

  /** Hands every channel to its source; a device read last time but not now is forgotten. */
  private void feed(List<PowerChannel> channels, long now) {
    Map<String, Set<String>> fed = new HashMap<>();
    for (PowerChannel c : channels) {
      readings
          .get(c.source())
          .reading(c.device(), c.domain(), Labels.EMPTY, now, c.watts(), c.joules());
      fed.computeIfAbsent(c.source(), s -> new HashSet<>()).add(c.device());
    }
    fedDevices.forEach(
        (source, devices) ->
            devices.stream()
                .filter(d -> !fed.getOrDefault(source, Set.of()).contains(d))
                .forEach(d -> readings.get(source).forget(d)));
    fedDevices = fed;
  }

  /** Tells the operator, once, about a {@code rails} entry no chip has. */
  private void checkRails(List<Chip> chips) {
    Set<String> present = new HashSet<>();
    chips.forEach(
        c ->
            c.sensors(SensorKind.POWER_INPUT)
                .forEach(s -> present.add(c.label() + "/" + s.name())));
    for (String key : rails.keys()) {
      if (present.contains(key)) {
        log.ok("rails " + key, "found");
      } else {
        log.failing(
            "rails " + key,
            "no such chip/sensor with a power1_input-style reading; `powermon probe"
                + " --collector hwmon` lists them");
      }
    }
  }
}
