package dev.powermon.exporter.runtime;

import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ParseProblems;
import dev.powermon.api.StateLog;
import dev.powermon.exporter.window.PowerWindows;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * What the core knows about each collector's readings beyond success: when it last handed in a
 * power reading, and how many fields its parsers could not use.
 */
public final class CollectorHealth {
  public static final MetricSpec LAST_SAMPLE =
      MetricSpec.gauge("powermon_collector_last_sample_timestamp_seconds")
          .help(
              "When the core last received a power reading from the collector, in seconds since the epoch.")
          .unit("seconds")
          .labelNames("collector")
          .build();
  public static final MetricSpec PARSE_PROBLEMS =
      MetricSpec.counter("powermon_parse_problems_total")
          .help(
              "Fields a collector's parsers could not use (missing, mistyped, out of range); only that"
                  + " field's series were dropped.")
          .labelNames("collector", "field")
          .build();

  public static final List<MetricSpec> SPECS = List.of(LAST_SAMPLE, PARSE_PROBLEMS);

  private final Map<List<String>, AtomicLong> problems = new ConcurrentHashMap<>();

  /**
   * The counter {@code collector}'s context hands out; logs through {@code log} once per change of
   * state.
   */
  ParseProblems problems(String collector, Logger log) {
    StateLog states = new StateLog(log);
    return new ParseProblems() {
      @Override
      public void problem(String field, String reason) {
        problems
            .computeIfAbsent(List.of(collector, field), k -> new AtomicLong())
            .incrementAndGet();
        states.failing(field, reason);
      }

      @Override
      public void ok(String field) {
        states.ok(field, "usable again");
      }
    };
  }

  /** Both families for {@code runners}. */
  List<MetricSnapshot> snapshots(List<CollectorRunner> runners, PowerWindows windows) {
    Families out = new Families(SPECS);
    for (CollectorRunner r : runners) {
      Long last = windows.lastReadingMillis(r.name());
      if (last != null) {
        out.gauge(LAST_SAMPLE, Labels.of("collector", r.name()), last / 1000.0);
      }
    }
    problems.forEach(
        (key, count) ->
            out.counter(
                PARSE_PROBLEMS,
                Labels.of("collector", key.get(0), "field", key.get(1)),
                count.get()));
    return out.list();
  }
}
