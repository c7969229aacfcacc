package dev.powermon.kasa;

import dev.powermon.api.ParseProblems;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hands each device's unusable fields to the core's {@link ParseProblems} (which counts them in
 * {@code powermon_parse_problems_total} and logs changes), and reports a field usable again only
 * when no device has it wrong any more: one plug with a bad field next to good ones must not make
 * the field flap between failing and recovered on every poll.
 */
final class FieldProblemReports {
  private final ParseProblems problems;
  private final Map<String, Set<String>> failing = new HashMap<>(); // target -> fields unusable now

  FieldProblemReports(ParseProblems problems) {
    this.problems = problems;
  }

  /** Records one poll of {@code target}. */
  synchronized void record(String target, List<FieldProblems.Problem> found) {
    Set<String> now = new TreeSet<>();
    for (FieldProblems.Problem p : found) {
      problems.problem(
          p.field(), "kasa device " + target + ": " + p.detail() + "; that reading is left out");
      now.add(p.field());
    }
    Set<String> before = now.isEmpty() ? failing.remove(target) : failing.put(target, now);
    recovered(before, now);
  }

  /** Forgets a device that is no longer polled. */
  synchronized void forget(String target) {
    recovered(failing.remove(target), Set.of());
  }

  private void recovered(Set<String> before, Set<String> now) {
    if (before == null) {
      return;
    }
    for (String field : before) {
      if (!now.contains(field)
          && failing.values().stream().noneMatch(fields -> fields.contains(field))) {
        problems.ok(field);
      }
    }
  }
}
