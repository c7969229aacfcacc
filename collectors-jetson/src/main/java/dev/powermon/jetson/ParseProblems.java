package dev.powermon.jetson;

import dev.powermon.jetson.TegrastatsSample.Problem;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * Counts fields that could not be read, per field ({@code powermon_parse_problems_total{collector,field}}),
 * and logs once when a field starts failing and once when it reads again, never per line. Each source
 * ({@code tegrastats}, {@code sysfs}) reports all its problems of one reading at a time, so a field absent
 * from a reading has recovered.
 */
final class ParseProblems {
  private final Logger log;
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, Set<String>> failing = new HashMap<>();

  ParseProblems(Logger log) {
    this.log = log;
  }

  /** The problems of one reading from {@code source}; empty when every field read. */
  synchronized void report(String source, List<Problem> problems) {
    Set<String> before = failing.getOrDefault(source, Set.of());
    Set<String> now = new LinkedHashSet<>();
    for (Problem p : problems) {
      counts.merge(p.field(), 1L, Long::sum);
      if (now.add(p.field()) && !before.contains(p.field())) {
        log.warn("{}: cannot read {} ({}); its series are left out until it reads again (counted in"
            + " powermon_parse_problems_total{collector=\"jetson\",field=\"{}\"})", source, p.field(), p.token(),
            p.field());
      }
    }
    for (String field : before) {
      if (!now.contains(field)) {
        log.info("{}: {} reads again", source, field);
      }
    }
    failing.put(source, now);
  }

  /** Problems so far per field. */
  synchronized Map<String, Long> counts() {
    return Map.copyOf(counts);
  }
}
