package dev.powermon.oshi;

import dev.powermon.api.EnergyIntegrator;
import java.time.Duration;

/**
 * The host's energy as the platform collector measures it (macos: the {@code total} domain, CPU +
 * GPU + ANE or the Intel package; windows: the Energy Meter's {@code total}), for the process
 * collector to share out by CPU time on those systems. Collectors never depend on each other, so
 * the two meet here, in what they share: the platform collector hands each reading to {@link
 * #SHARED}, the process collector reads its counter once per interval. A counter that never
 * decreases; a source of power readings only is integrated by the trapezoid rule.
 */
public final class PackageEnergy {
  /** Readings further apart than this are not integrated (a stalled source invents nothing). */
  private static final Duration MAX_GAP = Duration.ofSeconds(30);

  /** The one the collectors of this JVM share (after MAX_GAP, which it needs). */
  public static final PackageEnergy SHARED = new PackageEnergy();

  /** The counter at an instant, and which collector measured it. */
  public record Reading(String collector, long epochMillis, double joules) {}

  private final EnergyIntegrator integrator = new EnergyIntegrator(MAX_GAP);
  private double offset;
  private double lastJoules = Double.NaN;
  private volatile Reading latest;

  /** A source's own energy counter at an instant; a counter that went back continues from here. */
  public synchronized void joules(String collector, long epochMillis, double joules) {
    if (!Double.isFinite(joules) || joules < 0) {
      return;
    }
    if (joules < lastJoules) { // the source restarted its counter: keep ours going up
      offset += lastJoules;
    }
    lastJoules = joules;
    latest = new Reading(collector, epochMillis, offset + joules);
  }

  /** Power at an instant, from a source that measures no energy counter of its own. */
  public synchronized void watts(String collector, long epochMillis, double watts) {
    double before = integrator.joules();
    double after = integrator.add(epochMillis, watts);
    if (after > before || latest == null) {
      latest = new Reading(collector, epochMillis, offset + after);
    }
  }

  /** The latest reading, or null before the first. */
  public Reading latest() {
    return latest;
  }
}
