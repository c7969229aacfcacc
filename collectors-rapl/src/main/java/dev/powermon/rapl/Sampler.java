package dev.powermon.rapl;

import dev.powermon.api.ParseProblems;
import dev.powermon.api.StateLog;
import dev.powermon.rapl.Deduplicator.Selection;
import dev.powermon.rapl.Readings.ZoneReading;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reads every kept zone, runs its {@link ZoneCounter}, and publishes an immutable {@link Readings}
 * (also handed to {@code onSample}, for the core's per-window statistics). Runs in the background
 * at the interval {@link AdaptiveInterval} picks, so wraps are caught between scrapes however
 * rarely Prometheus comes. Zones are discovered again on a timer and after any read error but a
 * stuck one (the file is there; it only does not answer).
 */
final class Sampler implements Runnable {
  private final EnergySource source;
  private final LongSupplier nanoTime;
  private final AdaptiveInterval interval;
  private final long rediscoveryNanos;
  private final StateLog log;
  private final ParseProblems problems;
  private final Consumer<Readings> onSample;
  private final Map<String, ZoneCounter> counters = new HashMap<>();
  private final Tally tally = new Tally();
  private Selection selection = Selection.EMPTY;
  private Set<String> totalParts = Set.of();
  private String discoveryFailure;
  private boolean rediscover = true;
  private long nextDiscovery;
  private long totalUj;
  private volatile Readings latest = Readings.NONE;

  Sampler(
      EnergySource source,
      LongSupplier nanoTime,
      Duration interval,
      Duration rediscovery,
      StateLog log,
      ParseProblems problems,
      Consumer<Readings> onSample) {
    this.source = source;
    this.nanoTime = nanoTime;
    this.interval = new AdaptiveInterval(interval);
    this.rediscoveryNanos = rediscovery.toNanos();
    this.log = log;
    this.problems = problems;
    this.onSample = onSample;
  }

  Readings latest() {
    return latest;
  }

  /** How long to wait before the next sample. */
  synchronized long intervalInUseNanos() {
    return interval.inUseNanos();
  }

  /** For the scheduler: a task that throws is never run again, so nothing may escape. */
  @Override
  public void run() {
    try {
      sample();
    } catch (RuntimeException e) {
      log.failing("RAPL sampler", "sampling failed unexpectedly: " + e);
    }
  }

  synchronized void sample() {
    long now = nanoTime.getAsLong();
    Map<String, Raw> raw;
    if (rediscover || now - nextDiscovery >= 0) {
      raw = discover(now);
    } else {
      raw = readAll(selection.kept());
    }
    List<ZoneReading> zones = new ArrayList<>();
    Map<String, IOException> errors = new LinkedHashMap<>();
    boolean totalFresh = true;
    for (Zone zone : selection.kept()) {
      ZoneCounter counter =
          counters.computeIfAbsent(zone.id(), id -> new ZoneCounter(zone.maxRangeUj()));
      tally.watch(zone.id());
      Raw value = raw.get(zone.id());
      boolean ok = value.error() == null;
      if (ok) {
        problems.ok(PowercapDiscovery.field(zone.id(), "energy_uj"));
        count(
            zone.id(),
            counter.update(value.microjoules(), value.nanos(), () -> source.range(zone)));
      } else {
        IOException e = value.error();
        errors.put(zone.id(), e);
        tally.readError(zone.id(), ReadError.of(e));
        if (e instanceof MalformedReadingException) {
          problems.problem(PowercapDiscovery.field(zone.id(), "energy_uj"), e.getMessage());
        }
        counter.readFailed();
        rediscover |= !(e instanceof StuckReadException);
      }
      if (totalParts.contains(zone.id())) {
        totalUj += counter.lastDeltaUj();
        totalFresh &= ok;
      }
      zones.add(
          new ZoneReading(zone.withMaxRange(counter.maxRangeUj()), counter.accumulatedUj(), ok));
    }
    // A collector-wide failure is not logged here: collect() throws it, and the core logs that once
    // per state change (and again for every failed re-open, which a log of ours would double).
    String failure = failure(zones, errors);
    double shortestWrap = AdaptiveInterval.shortestWrapSeconds(counters.values());
    interval.adjust(shortestWrap, log);
    latest =
        new Readings(
            zones,
            selection.dropped(),
            totalUj,
            totalFresh && !totalParts.isEmpty(),
            tally.wraps(),
            tally.drops(),
            tally.readErrors(),
            shortestWrap,
            interval.inUseNanos() / 1e9,
            failure);
    if (failure == null) {
      onSample.accept(latest); // zones whose read failed are left out, never shown as 0 W
    }
  }

  private void count(String zone, ZoneCounter.Step step) {
    if (step == ZoneCounter.Step.WRAPPED) {
      tally.wrap(zone);
    } else if (step.dropped()) {
      tally.drop(zone, step);
    }
  }

  /** Finds the zones again; the first readings serve both deduplication and this sample. */
  private Map<String, Raw> discover(long now) {
    rediscover = false;
    nextDiscovery = now + rediscoveryNanos;
    List<Zone> zones;
    try {
      zones = source.discover();
      discoveryFailure = null;
    } catch (IOException e) {
      tally.readError("", ReadError.of(e));
      discoveryFailure = e.getMessage();
      rediscover = true;
      selection = Selection.EMPTY;
      totalParts = Set.of();
      return Map.of();
    }
    Map<String, Raw> raw = readAll(zones);
    Map<String, Long> first = new LinkedHashMap<>();
    raw.forEach(
        (id, v) -> {
          if (v.error() == null) {
            first.put(id, v.microjoules());
          }
        });
    selection =
        source.needsDeduplication()
            ? Deduplicator.select(zones, first)
            : new Selection(zones, List.of());
    totalParts = TotalDomain.parts(selection.kept());
    return raw;
  }

  private Map<String, Raw> readAll(List<Zone> zones) {
    Map<String, Raw> raw = new HashMap<>();
    for (Zone zone : zones) {
      try {
        long microjoules = source.read(zone);
        raw.put(zone.id(), new Raw(microjoules, nanoTime.getAsLong(), null));
      } catch (IOException e) {
        raw.put(zone.id(), new Raw(0, 0, e));
      }
    }
    return raw;
  }

  /**
   * One read of a zone's raw counter: microjoules and when the read returned (a stuck zone read
   * before it must not shorten the next zone's window), or why it failed.
   */
  private record Raw(long microjoules, long nanos, IOException error) {}

  /**
   * Nothing to serve when no zone is known or none could be read; single zones failing show per
   * zone.
   */
  private String failure(List<ZoneReading> zones, Map<String, IOException> errors) {
    if (zones.isEmpty()) {
      return discoveryFailure != null ? discoveryFailure : "no RAPL zone found";
    }
    if (errors.size() == zones.size()) {
      Zone first = zones.get(0).zone();
      return source.explain(first, errors.get(first.id()));
    }
    for (ZoneReading z : zones) {
      String id = z.zone().id();
      if (z.ok()) {
        log.ok("RAPL zone " + id, "readable again");
      } else {
        log.failing(
            "RAPL zone " + id, "stopped advancing: " + source.explain(z.zone(), errors.get(id)));
      }
    }
    return null;
  }
}
