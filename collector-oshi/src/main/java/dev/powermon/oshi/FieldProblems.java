package dev.powermon.oshi;

import dev.powermon.api.ParseProblems;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Hands the fields a platform parser could not use in one read (missing, mistyped, out of range) to
 * the core's {@link ParseProblems}, which counts them in {@code powermon_parse_problems_total} and
 * logs state changes; and reports a field that was failing and is not any more as {@code ok}. Each
 * such field costs its own series only. Thread-safe.
 */
public final class FieldProblems {
  private final ParseProblems problems;
  private final Set<String> failing = new HashSet<>();

  public FieldProblems(ParseProblems problems) {
    this.problems = problems;
  }

  /**
   * The problems of one read, field to reason; every field failing before and absent now has
   * recovered. Field names must be bounded (declared keys, or instance names already capped).
   */
  public synchronized void report(Map<String, String> read) {
    read.forEach(problems::problem);
    failing.removeIf(
        field -> {
          if (read.containsKey(field)) {
            return false;
          }
          problems.ok(field);
          return true;
        });
    failing.addAll(read.keySet());
  }
}
