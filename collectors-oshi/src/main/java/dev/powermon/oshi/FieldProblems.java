package dev.powermon.oshi;

import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Fields a platform parser could not use (missing, mistyped, out of range), counted per field and
 * logged once when a field starts or stops failing, never per sample. Each such field costs its own
 * series only. A stand-in until collector-api's {@code ParseProblems} (issue #12) counts them in
 * {@code powermon_parse_problems_total{collector,field}}. Thread-safe.
 */
public final class FieldProblems {
  private final Logger log;
  private final String source;
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, String> failing = new TreeMap<>();

  /** @param source what the fields come from, for the log ("powermetrics", "Energy Meter") */
  public FieldProblems(Logger log, String source) {
    this.log = log;
    this.source = source;
  }

  /**
   * The problems of one read, field to reason; every field failing before and absent now has recovered.
   * Field names must be bounded (declared keys, or instance names already capped).
   */
  public synchronized void report(Map<String, String> problems) {
    problems.forEach((field, reason) -> {
      counts.merge(field, 1L, Long::sum);
      if (failing.put(field, reason) == null) {
        log.warn("{} field {} is unusable, its series are left out until it reads again: {}",
            source, field, reason);
      }
    });
    failing.keySet().removeIf(field -> {
      if (problems.containsKey(field)) {
        return false;
      }
      log.info("{} field {} reads again", source, field);
      return true;
    });
  }

  /** Problems so far per field. */
  public synchronized Map<String, Long> counts() {
    return new TreeMap<>(counts);
  }
}
