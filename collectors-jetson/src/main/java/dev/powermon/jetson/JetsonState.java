package dev.powermon.jetson;

import dev.powermon.jetson.Readings.TegrastatsHealth;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * What the tegrastats thread and the sysfs sampler last saw. Rails come from sysfs when the INA monitors
 * are readable (tegrastats' own rails are then ignored), from tegrastats otherwise.
 */
final class JetsonState implements TegrastatsProcess.Listener {
  private final List<RailChannel> sysfsRails;
  private final EnergyMeter meter;
  private final LongSupplier nanoTime;
  private final long staleNanos;
  private final Logger log;
  private final AtomicLong lines = new AtomicLong();
  private final AtomicLong badLines = new AtomicLong();
  private final AtomicLong unknownTokens = new AtomicLong();
  private volatile TegrastatsSample latest;
  private volatile long latestNanos;
  private volatile boolean sysfsUp;
  private boolean sysfsFailureLogged;

  JetsonState(List<RailChannel> sysfsRails, EnergyMeter meter, LongSupplier nanoTime, long staleNanos, Logger log) {
    this.sysfsRails = List.copyOf(sysfsRails);
    this.meter = meter;
    this.nanoTime = nanoTime;
    this.staleNanos = staleNanos;
    this.log = log;
  }

  boolean railsFromSysfs() {
    return !sysfsRails.isEmpty();
  }

  @Override
  public boolean line(String text) {
    lines.incrementAndGet();
    TegrastatsSample s = TegrastatsParser.parse(text);
    unknownTokens.addAndGet(s.unknownTokens());
    if (s.isBad()) {
      badLines.incrementAndGet();
      return false;
    }
    long now = nanoTime.getAsLong();
    latest = s;
    latestNanos = now;
    if (!railsFromSysfs()) {
      Map<String, Double> watts = new HashMap<>();
      s.rails().forEach((rail, r) -> watts.put(rail, r.currentMilliwatts() / 1e3));
      meter.add(watts, now);
    }
    return true;
  }

  @Override
  public void badLine() {
    lines.incrementAndGet();
    badLines.incrementAndGet();
  }

  /** Reads every INA channel; on failure the rails are dropped until a read succeeds again. */
  synchronized void sampleSysfs() {
    Map<String, Double> watts = new HashMap<>();
    try {
      for (RailChannel c : sysfsRails) {
        watts.put(c.name(), c.watts());
      }
    } catch (IOException e) {
      sysfsUp = false;
      meter.clear();
      if (!sysfsFailureLogged) {
        sysfsFailureLogged = true;
        log.warn("Cannot read the INA power monitors ({}); power rails are not exported until they are readable again."
            + " Check that the exporter's user may read them.", e.getMessage());
      }
      return;
    }
    meter.add(watts, nanoTime.getAsLong());
    sysfsUp = true;
    if (sysfsFailureLogged) {
      sysfsFailureLogged = false;
      log.info("The INA power monitors are readable again");
    }
  }

  /** The current readings; {@code process} is null when tegrastats is not run. */
  Readings readings(TegrastatsProcess process) {
    Optional<TegrastatsSample> sample = fresh();
    boolean railsKnown = railsFromSysfs() ? sysfsUp : sample.isPresent();
    String source = railsFromSysfs() ? "sysfs" : process != null ? "tegrastats" : "none";
    Optional<TegrastatsHealth> health = Optional.ofNullable(process)
        .map(p -> new TegrastatsHealth(p.running(), lines.get(), badLines.get(), unknownTokens.get(), p.restarts()));
    EnergyMeter.Totals rails = railsKnown ? meter.totals() : new EnergyMeter.Totals(Map.of(), Map.of());
    return new Readings(
        sample,
        rails.watts(),
        rails.joules(),
        source,
        health,
        railsFromSysfs() ? Optional.of(sysfsUp) : Optional.empty());
  }

  /** The latest good line, unless tegrastats has been silent for longer than the staleness limit. */
  Optional<TegrastatsSample> fresh() {
    TegrastatsSample s = latest;
    return s != null && nanoTime.getAsLong() - latestNanos <= staleNanos ? Optional.of(s) : Optional.empty();
  }
}
