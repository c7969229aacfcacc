package dev.powermon.jetson;

import dev.powermon.api.ParseProblems;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import dev.powermon.jetson.Readings.TegrastatsHealth;
import dev.powermon.jetson.TegrastatsSample.Problem;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * What the tegrastats thread and the sysfs sampler last saw, and where their rail readings go.
 * Rails come from sysfs when the INA monitors are found (tegrastats' own rails are then ignored),
 * from tegrastats otherwise. Every rail reading is handed to the core as watts at the instant it
 * was taken, the input rail a second time as {@code domain="total"}; the core keeps the energy, the
 * windows and remote-write, and withholds everything when the readings stop.
 */
final class JetsonState implements TegrastatsSource.Listener {
  private final RailSource sysfs;
  private final PowerReadings power;
  private final ParseProblems problems;
  private final String hostname;
  private final LongSupplier nanoTime;
  private final Clock clock;
  private final long staleNanos;
  private final NameLimits limits;
  private final AtomicLong lines = new AtomicLong();
  private final Map<TegrastatsSource.Drop, AtomicLong> dropped =
      new EnumMap<>(TegrastatsSource.Drop.class);
  private final AtomicLong unknownTokens = new AtomicLong();
  private volatile TegrastatsSample latest;
  private volatile long latestNanos;
  private volatile Instant latestAt;
  private volatile Map<String, Double> railWatts = Map.of();
  private volatile boolean tegrastatsRails;
  private volatile boolean sysfsUp;

  JetsonState(
      RailSource sysfs,
      PowerReadings power,
      ParseProblems problems,
      String hostname,
      LongSupplier nanoTime,
      Clock clock,
      long staleNanos,
      Logger log) {
    this.sysfs = sysfs;
    this.power = power;
    this.problems = problems;
    this.hostname = hostname;
    this.nanoTime = nanoTime;
    this.clock = clock;
    this.staleNanos = staleNanos;
    this.limits = new NameLimits(log);
    for (TegrastatsSource.Drop d : TegrastatsSource.Drop.values()) {
      dropped.put(d, new AtomicLong());
    }
  }

  boolean railsFromSysfs() {
    return !sysfs.rails().isEmpty();
  }

  /** Whether some source hands the core rail readings: then the core judges staleness by them. */
  boolean readsRails() {
    return railsFromSysfs() || tegrastatsRails;
  }

  @Override
  public boolean line(String text) {
    lines.incrementAndGet();
    TegrastatsSample parsed = TegrastatsParser.parse(text);
    unknownTokens.addAndGet(parsed.unknownTokens());
    if (parsed.isBad()) {
      dropped.get(TegrastatsSource.Drop.UNPARSABLE).incrementAndGet();
      return false;
    }
    report(parsed);
    TegrastatsSample s = limits.limit(parsed);
    Instant at = clock.instant();
    latestNanos = nanoTime.getAsLong();
    latestAt = at;
    latest = s;
    if (!railsFromSysfs() && !s.rails().isEmpty()) {
      Map<String, Double> watts = new LinkedHashMap<>();
      s.rails().forEach((rail, r) -> watts.put(rail, r.currentMilliwatts() / 1e3));
      tegrastatsRails = true;
      rails(watts, at);
    }
    return true;
  }

  /** Each malformed field of the line is that field's problem; the others read well. */
  private void report(TegrastatsSample s) {
    Set<String> failed = new HashSet<>();
    for (Problem p : s.problems()) {
      failed.add(p.field());
      problems.problem(p.field(), "tegrastats printed '" + p.token() + "'");
    }
    for (String field : TegrastatsParser.FIELDS) {
      if (!failed.contains(field)) {
        problems.ok(field);
      }
    }
  }

  @Override
  public void dropped(TegrastatsSource.Drop reason) {
    lines.incrementAndGet();
    dropped.get(reason).incrementAndGet();
  }

  /**
   * Reads every INA channel; one that cannot be read costs its own rail (its field: {@code
   * ina/<rail>}).
   */
  synchronized void sampleSysfs() {
    Map<String, Double> watts =
        sysfs.read(
            new RailSource.Failures() {
              @Override
              public void rail(String rail, String reason) {
                problems.problem("ina/" + rail, reason);
              }

              @Override
              public void ok(String rail) {
                problems.ok("ina/" + rail);
              }
            });
    sysfsUp = !watts.isEmpty();
    rails(watts, clock.instant());
  }

  private void rails(Map<String, Double> watts, Instant at) {
    railWatts = Map.copyOf(watts);
    long millis = at.toEpochMilli();
    watts.forEach((rail, w) -> power.watts(hostname, rail, Labels.EMPTY, millis, w));
    MetricNames.inputRail(watts.keySet())
        .ifPresent(
            rail ->
                power.watts(
                    hostname, PowerFamilies.TOTAL_DOMAIN, Labels.EMPTY, millis, watts.get(rail)));
  }

  /** The current readings; {@code process} is null when tegrastats is not run. */
  Readings readings(TegrastatsSource process) {
    Optional<TegrastatsSample> sample = fresh();
    Optional<TegrastatsHealth> health =
        Optional.ofNullable(process)
            .map(
                p ->
                    new TegrastatsHealth(
                        p.running() && sample.isPresent(),
                        lines.get(),
                        droppedLines(),
                        unknownTokens.get(),
                        p.restarts()));
    return new Readings(
        sample,
        railWatts,
        railsFromSysfs() ? "sysfs" : "tegrastats",
        health,
        railsFromSysfs() ? Optional.of(sysfsUp) : Optional.empty(),
        limits.dropped());
  }

  /**
   * The latest good line, unless tegrastats has been silent for longer than the staleness bound.
   */
  Optional<TegrastatsSample> fresh() {
    TegrastatsSample s = latest;
    return s != null && nanoTime.getAsLong() - latestNanos <= staleNanos
        ? Optional.of(s)
        : Optional.empty();
  }

  /** When tegrastats last printed a good line, if ever. */
  Optional<Instant> lastLine() {
    return Optional.ofNullable(latestAt);
  }

  private Map<String, Long> droppedLines() {
    Map<String, Long> out = new TreeMap<>();
    dropped.forEach((reason, n) -> out.put(reason.name().toLowerCase(Locale.ROOT), n.get()));
    return out;
  }
}
