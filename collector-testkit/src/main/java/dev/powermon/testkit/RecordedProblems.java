package dev.powermon.testkit;

import dev.powermon.api.ParseProblems;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link ParseProblems} a {@link TestContext} hands out: counts problems per field and keeps
 * the last reason.
 */
public final class RecordedProblems implements ParseProblems {
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, String> failing = new ConcurrentHashMap<>();

  @Override
  public void problem(String field, String reason) {
    counts.computeIfAbsent(field, f -> new AtomicLong()).incrementAndGet();
    failing.put(field, reason);
  }

  @Override
  public void ok(String field) {
    failing.remove(field);
  }

  /** How many problems {@code field} had; 0 when none. */
  public long count(String field) {
    AtomicLong c = counts.get(field);
    return c == null ? 0 : c.get();
  }

  /** Field to the reason of its last problem, for fields failing now. */
  public Map<String, String> failing() {
    return Map.copyOf(failing);
  }
}
