package dev.powermon.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One interval's split of the host's energy ΔE (the model the docs state):
 *
 * <pre>
 *   active       = ΔE × busy / total                      (CPU ticks from /proc/stat)
 *   idle         = ΔE − active
 *   process p    = active × cpu_p / max(busy, Σ cpu)      (cpu_p: utime+stime Δ of p)
 *   unattributed = active − Σ process p
 * </pre>
 *
 * Dividing by the larger of busy and the processes' sum keeps every share within the active energy
 * when per-process ticks run ahead of the host's (they are sampled a moment apart), and leaves CPU
 * time no process accounts for (interrupts, processes that exited within the interval) unattributed
 * rather than spread over whoever is left. So Σ process + idle + unattributed = ΔE, and no process
 * gets more than the host.
 */
final class Attribution<K> {
  private final double idleJoules;
  private final double unattributedJoules;
  private final Map<K, Double> processJoules;

  private Attribution(double idle, double unattributed, Map<K, Double> processJoules) {
    this.idleJoules = idle;
    this.unattributedJoules = unattributed;
    this.processJoules = processJoules;
  }

  /**
   * @param joules the host's energy in the interval, ≥ 0
   * @param cpu the host's busy and total ticks in the interval
   * @param processTicks each process's CPU ticks in the interval, each ≥ 0
   */
  static <K> Attribution<K> split(double joules, CpuTimes cpu, Map<K, Long> processTicks) {
    long busy = Math.max(0, Math.min(cpu.busyTicks(), cpu.totalTicks()));
    double active = cpu.totalTicks() > 0 ? joules * busy / cpu.totalTicks() : 0;
    long sum = 0;
    for (long ticks : processTicks.values()) {
      sum += ticks;
    }
    long divisor = Math.max(busy, sum);
    Map<K, Double> shares = new LinkedHashMap<>();
    double attributed = 0;
    for (Map.Entry<K, Long> e : processTicks.entrySet()) {
      double share = divisor > 0 ? active * e.getValue() / divisor : 0;
      shares.put(e.getKey(), share);
      attributed += share;
    }
    // rounding may leave Σ a hair above active; never hand out a negative remainder
    double unattributed = Math.max(0, active - attributed);
    return new Attribution<>(joules - active, unattributed, shares);
  }

  double idleJoules() {
    return idleJoules;
  }

  double unattributedJoules() {
    return unattributedJoules;
  }

  /** Each process's joules, in the order given. */
  Map<K, Double> processJoules() {
    return processJoules;
  }
}
