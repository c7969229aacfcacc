package dev.powermon.process;

import dev.powermon.api.Collector;
import dev.powermon.api.Families;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The opened collector: serves the sampler's latest interval, refusing one that is stale. */
final class ProcessCollector implements Collector {
  /** Samples older than this many intervals are not served as fresh. */
  private static final int STALE_INTERVALS = 3;

  private final Sampler sampler;
  private final Runnable stop;
  private final Duration interval;
  private final Clock clock;

  ProcessCollector(Sampler sampler, Runnable stop, Duration interval, Clock clock) {
    this.sampler = sampler;
    this.stop = stop;
    this.interval = interval;
    this.clock = clock;
  }

  @Override
  public MetricSnapshots collect() throws Exception {
    ProcessSample s = sampler.latest();
    long age = clock.millis() - s.epochMillis();
    if (age > STALE_INTERVALS * interval.toMillis() + 1000) {
      throw new IllegalStateException(
          "no fresh sample since "
              + Instant.ofEpochMilli(s.epochMillis())
              + "; the /proc walk or the energy read is stuck or failing (see the log)");
    }
    Families out = new Families(ProcessFamilies.ALL);
    Labels source = Labels.of("source", s.source());
    out.info(ProcessFamilies.SOURCE_INFO, source);
    out.counter(ProcessFamilies.HOST_ENERGY, source, s.hostJoules());
    out.counter(ProcessFamilies.IDLE_ENERGY, source, s.idleJoules());
    out.counter(ProcessFamilies.UNATTRIBUTED_ENERGY, source, s.unattributedJoules());
    if (s.powerKnown()) {
      out.gauge(ProcessFamilies.HOST_POWER, source, s.hostWatts());
      out.gauge(ProcessFamilies.IDLE_POWER, source, s.idleWatts());
      out.gauge(ProcessFamilies.UNATTRIBUTED_POWER, source, s.unattributedWatts());
    }
    s.groups()
        .forEach(
            (by, rows) -> {
              for (GroupLedger.Row row : rows) {
                Labels labels =
                    Labels.of(
                        "group_by",
                        by.label(),
                        "group",
                        row.group(),
                        "container_id",
                        row.container().id(),
                        "container_runtime",
                        row.container().runtime(),
                        "pod_uid",
                        row.container().podUid());
                if (!Double.isNaN(row.watts())) {
                  out.gauge(ProcessFamilies.POWER, labels, row.watts());
                }
                out.counter(ProcessFamilies.ENERGY, labels, row.joules());
                out.counter(ProcessFamilies.CPU, labels, row.cpuSeconds());
              }
            });
    out.gauge(ProcessFamilies.PROCESSES, Labels.EMPTY, s.processes());
    out.counter(ProcessFamilies.VANISHED, Labels.EMPTY, s.vanished());
    out.gauge(ProcessFamilies.SAMPLE_DURATION, Labels.EMPTY, s.durationSeconds());
    return out.snapshots();
  }

  /** The top groups by power, one line each, for {@code powermon probe}. */
  @Override
  public List<String> summary() {
    ProcessSample s = sampler.latest();
    List<String> lines = new ArrayList<>();
    lines.add(
        s.powerKnown()
            ? String.format(
                Locale.ROOT,
                "%d processes; host %.1f W (%s), idle %.1f W, unattributed %.1f W",
                s.processes(),
                s.hostWatts(),
                s.source(),
                s.idleWatts(),
                s.unattributedWatts())
            : s.processes() + " processes; host power not known yet (" + s.source() + ")");
    for (Map.Entry<GroupBy, List<GroupLedger.Row>> e : s.groups().entrySet()) {
      e.getValue().stream()
          .filter(r -> !Double.isNaN(r.watts()))
          .sorted((a, b) -> Double.compare(b.watts(), a.watts()))
          .limit(10)
          .forEach(
              r ->
                  lines.add(
                      String.format(
                          Locale.ROOT,
                          "%-9s %-32s %8.2f W",
                          e.getKey().label(),
                          r.group(),
                          r.watts())));
    }
    return lines;
  }

  @Override
  public void close() {
    stop.run();
  }
}
