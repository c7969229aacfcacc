package dev.powermon.kasa;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * Counts unusable fields per field path, for {@code powermon_parse_problems_total{collector,field}},
 * and logs per device when a field becomes unusable or usable again, never once per poll.
 */
final class FieldProblemLog {
  private final Logger logger;
  private final Map<String, Long> counts = new TreeMap<>();
  private final Map<String, Set<String>> badFields = new HashMap<>(); // target -> fields unusable now

  FieldProblemLog(Logger logger) {
    this.logger = logger;
  }

  /** Records one poll of {@code target}: counts each problem and logs what changed since its last poll. */
  synchronized void record(String target, List<FieldProblems.Problem> problems) {
    Map<String, String> now = new LinkedHashMap<>();
    for (FieldProblems.Problem p : problems) {
      counts.merge(p.field(), 1L, Long::sum);
      now.putIfAbsent(p.field(), p.detail());
    }
    Set<String> before = badFields.getOrDefault(target, Set.of());
    now.forEach((field, detail) -> {
      if (!before.contains(field)) {
        logger.warn("kasa device {}: {}; that reading is left out, the device's others are kept (counted in "
            + "powermon_parse_problems_total)", target, detail);
      }
    });
    for (String field : before) {
      if (!now.containsKey(field)) {
        logger.info("kasa device {}: {} is usable again", target, field);
      }
    }
    if (now.isEmpty()) {
      badFields.remove(target);
    } else {
      badFields.put(target, new TreeSet<>(now.keySet())); // sorted: recoveries log in a stable order
    }
  }

  /** Forgets a device that is no longer polled. */
  synchronized void forget(String target) {
    badFields.remove(target);
  }

  /** Problems counted so far, per field path. */
  synchronized Map<String, Long> counts() {
    return Map.copyOf(counts);
  }
}
