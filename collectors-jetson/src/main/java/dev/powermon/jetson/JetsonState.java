package dev.powermon.jetson;

import dev.powermon.jetson.Readings.Freshness;
import dev.powermon.jetson.Readings.TegrastatsHealth;
import dev.powermon.jetson.TegrastatsSample.Problem;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * What the tegrastats thread and the sysfs sampler last saw. Rails come from sysfs when the INA monitors
 * are found (tegrastats' own rails are then ignored), from tegrastats otherwise. A source that has not
 * read within the staleness bound serves nothing: its last values are not passed off as current.
 */
final class JetsonState implements TegrastatsProcess.Listener {
  private final List<RailChannel> sysfsRails;
  private final EnergyMeter meter;
  private final LongSupplier nanoTime;
  private final Clock clock;
  private final long staleNanos;
  private final NameLimits limits;
  private final ParseProblems problems;
  private final AtomicLong lines = new AtomicLong();
  private final Map<TegrastatsProcess.Drop, AtomicLong> dropped = new EnumMap<>(TegrastatsProcess.Drop.class);
  private final AtomicLong unknownTokens = new AtomicLong();
  private final LastReading lastLine = new LastReading();
  private final LastReading lastSysfs = new LastReading();
  private volatile TegrastatsSample latest;
  private volatile boolean sysfsUp;

  JetsonState(List<RailChannel> sysfsRails, EnergyMeter meter, LongSupplier nanoTime, Clock clock, long staleNanos,
      Logger log) {
    this.limits = new NameLimits(log);
    this.sysfsRails = sysfsRails.stream().filter(c -> limits.admit(NameLimits.Kind.RAIL, c.name()))
        .collect(Collectors.toUnmodifiableList());
    this.meter = meter;
    this.nanoTime = nanoTime;
    this.clock = clock;
    this.staleNanos = staleNanos;
    this.problems = new ParseProblems(log);
    for (TegrastatsProcess.Drop d : TegrastatsProcess.Drop.values()) {
      dropped.put(d, new AtomicLong());
    }
  }

  boolean railsFromSysfs() {
    return !sysfsRails.isEmpty();
  }

  @Override
  public boolean line(String text) {
    lines.incrementAndGet();
    TegrastatsSample parsed = TegrastatsParser.parse(text);
    unknownTokens.addAndGet(parsed.unknownTokens());
    if (parsed.isBad()) {
      dropped.get(TegrastatsProcess.Drop.UNPARSABLE).incrementAndGet();
      return false;
    }
    problems.report("tegrastats", parsed.problems());
    TegrastatsSample s = limits.limit(parsed);
    long now = nanoTime.getAsLong();
    latest = s;
    lastLine.set(now, clock.instant());
    if (!railsFromSysfs()) {
      Map<String, Double> watts = new HashMap<>();
      s.rails().forEach((rail, r) -> watts.put(rail, r.currentMilliwatts() / 1e3));
      meter.add(watts, now);
    }
    return true;
  }

  @Override
  public void dropped(TegrastatsProcess.Drop reason) {
    lines.incrementAndGet();
    dropped.get(reason).incrementAndGet();
  }

  /**
   * Reads every INA channel. A channel that cannot be read costs its own rail for this sample (counted
   * and logged as its field); the sample counts as a reading when at least one rail was read.
   */
  synchronized void sampleSysfs() {
    Map<String, Double> watts = new HashMap<>();
    List<Problem> failed = new ArrayList<>();
    for (RailChannel c : sysfsRails) {
      try {
        watts.put(c.name(), c.watts());
      } catch (IOException e) {
        failed.add(new Problem("ina/" + c.name(), String.valueOf(e.getMessage())));
      }
    }
    problems.report("sysfs", failed);
    sysfsUp = !watts.isEmpty();
    if (sysfsUp) {
      long now = nanoTime.getAsLong();
      meter.add(watts, now);
      lastSysfs.set(now, clock.instant());
    } else {
      meter.clear();
    }
  }

  /** The current readings; {@code process} is null when tegrastats is not run. */
  Readings readings(TegrastatsProcess process) {
    Optional<TegrastatsSample> sample = fresh();
    Freshness power = railsFromSysfs() ? lastSysfs.freshness() : lastLine.freshness();
    String source = railsFromSysfs() ? "sysfs" : "tegrastats";
    Optional<TegrastatsHealth> health = Optional.ofNullable(process).map(p -> new TegrastatsHealth(
        p.running() && sample.isPresent(), lines.get(), droppedLines(), unknownTokens.get(), p.restarts()));
    EnergyMeter.Totals rails = power.fresh() ? meter.totals() : new EnergyMeter.Totals(Map.of(), Map.of());
    return new Readings(sample, rails.watts(), rails.joules(), source, power, health,
        railsFromSysfs() ? Optional.of(sysfsUp) : Optional.empty(), limits.dropped(), problems.counts());
  }

  /** The latest good line, unless tegrastats has been silent for longer than the staleness bound. */
  Optional<TegrastatsSample> fresh() {
    TegrastatsSample s = latest;
    return s != null && lastLine.freshness().fresh() ? Optional.of(s) : Optional.empty();
  }

  /** When tegrastats last printed a good line, if ever. */
  Optional<Instant> lastLine() {
    return lastLine.freshness().last();
  }

  private Map<String, Long> droppedLines() {
    Map<String, Long> out = new TreeMap<>();
    dropped.forEach((reason, n) -> out.put(reason.name().toLowerCase(Locale.ROOT), n.get()));
    return out;
  }

  /** When a source last read well: monotonic time for staleness, wall time for the message. */
  private final class LastReading {
    private long nanos;
    private Instant at;

    synchronized void set(long nanos, Instant at) {
      this.nanos = nanos;
      this.at = at;
    }

    synchronized Freshness freshness() {
      boolean fresh = at != null && nanoTime.getAsLong() - nanos <= staleNanos;
      return new Freshness(fresh, Optional.ofNullable(at));
    }
  }
}
