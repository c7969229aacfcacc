package dev.powermon.process;

import dev.powermon.api.ParseProblems;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One interval's work, at most one {@code /proc} walk: read the host's CPU ticks and energy, walk
 * the processes, split the energy ({@link Attribution}) and book it to every grouping ({@link
 * GroupLedger}). Runs on one thread (the sampling loop); {@link #latest()} may be read from any.
 */
final class Sampler {
  /** Linux reports CPU time in USER_HZ ticks, 100 per second on every architecture it supports. */
  static final double SECONDS_PER_TICK = 0.01;

  /** How long a group that left the top keeps its series. */
  static final long HOLD_MILLIS = 10 * 60 * 1000;

  private final ProcSource proc;
  private final HostEnergy host;
  private final ProcessTable table;
  private final ParseProblems problems;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Map<GroupBy, GroupLedger> ledgers = new EnumMap<>(GroupBy.class);
  private CpuTimes lastCpu;
  private long lastNanos;
  private double hostJoules;
  private double idleJoules;
  private double unattributedJoules;
  private volatile ProcessSample latest;

  Sampler(
      ProcSource proc,
      HostEnergy host,
      ProcessTable table,
      List<GroupBy> groupings,
      int top,
      int matchRules,
      ParseProblems problems,
      Clock clock,
      LongSupplier nanoTime) {
    this.proc = proc;
    this.host = host;
    this.table = table;
    this.problems = problems;
    this.clock = clock;
    this.nanoTime = nanoTime;
    for (GroupBy by : groupings) {
      // every match group is shown: the operator named them, so they are bounded already
      ledgers.put(
          by,
          new GroupLedger(by == GroupBy.MATCH ? matchRules : top, HOLD_MILLIS, SECONDS_PER_TICK));
    }
  }

  /** Takes one sample; throws when {@code /proc} itself cannot be read. */
  void sample() throws IOException {
    long start = nanoTime.getAsLong();
    CpuTimes first = hostCpu();
    List<ProcessTable.Delta> deltas = table.walk();
    CpuTimes cpu;
    try {
      // Each process's ticks are read at some point of the walk, which a loaded machine may stretch
      // to a good part of a second: the host's ticks midway through it cover the same interval.
      cpu = CpuTimes.midpoint(first, hostCpu());
    } catch (IOException e) {
      lastCpu =
          null; // the walk moved on without the host's ticks: the next sample is a new baseline
      throw e;
    }
    long middle = start + (nanoTime.getAsLong() - start) / 2;
    CpuTimes before = lastCpu;
    double seconds = (middle - lastNanos) / 1e9;
    CpuTimes interval =
        before == null
            ? new CpuTimes(0, 0, cpu.cpus())
            : new CpuTimes(
                cpu.busyTicks() - before.busyTicks(),
                cpu.totalTicks() - before.totalTicks(),
                cpu.cpus());
    double joules =
        readHost(interval, before == null ? 0 : seconds); // the first read is the baseline
    lastCpu = cpu;
    lastNanos = middle;
    boolean powerKnown = false;
    double hostWatts = Double.NaN;
    double idleWatts = Double.NaN;
    double unattributedWatts = Double.NaN;
    if (before != null) {
      if (joules >= 0 && interval.totalTicks() >= 0 && interval.busyTicks() >= 0 && seconds > 0) {
        powerKnown = true;
        Map<TrackedProcess, Long> ticks = new LinkedHashMap<>();
        deltas.forEach(d -> ticks.put(d.process(), d.ticks()));
        Attribution<TrackedProcess> split = Attribution.split(joules, interval, ticks);
        hostJoules += joules;
        idleJoules += split.idleJoules();
        unattributedJoules += split.unattributedJoules();
        hostWatts = joules / seconds;
        idleWatts = split.idleJoules() / seconds;
        unattributedWatts = split.unattributedJoules() / seconds;
        long now = clock.millis();
        ledgers.forEach((by, ledger) -> ledger.book(shares(by, split, ticks), seconds, now));
      }
    }
    Map<GroupBy, List<GroupLedger.Row>> groups = new EnumMap<>(GroupBy.class);
    ledgers.forEach((by, ledger) -> groups.put(by, List.copyOf(ledger.rows())));
    latest =
        new ProcessSample(
            clock.millis(),
            host.source(),
            powerKnown,
            hostWatts,
            idleWatts,
            unattributedWatts,
            hostJoules,
            idleJoules,
            unattributedJoules,
            groups,
            table.size(),
            table.vanished(),
            (nanoTime.getAsLong() - start) / 1e9);
  }

  private CpuTimes hostCpu() throws IOException {
    try {
      CpuTimes cpu = proc.hostCpu();
      problems.ok("stat");
      return cpu;
    } catch (MalformedProcException e) {
      problems.problem(e.field(), e.getMessage());
      throw new IOException("/proc/stat does not parse: " + e.getMessage(), e);
    }
  }

  /** The latest sample, or null before the first. */
  ProcessSample latest() {
    return latest;
  }

  /**
   * The host's joules in the interval, or NaN when it could not be measured (counted as a problem).
   */
  private double readHost(CpuTimes interval, double seconds) {
    try {
      double joules = host.joulesSince(interval, seconds);
      problems.ok("host_energy");
      return joules;
    } catch (IOException e) {
      problems.problem("host_energy", e.getMessage());
      return Double.NaN;
    }
  }

  private static Map<String, GroupLedger.Share> shares(
      GroupBy by, Attribution<TrackedProcess> split, Map<TrackedProcess, Long> ticks) {
    Map<String, GroupLedger.Share> shares = new HashMap<>();
    split
        .processJoules()
        .forEach(
            (p, joules) -> {
              GroupLedger.Share s =
                  shares.computeIfAbsent(
                      p.group(by),
                      g ->
                          new GroupLedger.Share(
                              by == GroupBy.CONTAINER && p.container() != null
                                  ? p.container()
                                  : Container.HOST));
              s.joules += joules;
              s.ticks += ticks.get(p);
            });
    return shares;
  }
}
