package dev.powermon.host;

import dev.powermon.api.StateLog;
import dev.powermon.host.HostSource.HostSample;
import dev.powermon.oshi.NativeAccess;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Takes a {@link HostSample} on every run, derives utilisation and the estimate from the previous
 * one, and publishes the result as an immutable {@link Reading} that scrapes read without touching
 * the host (and hands it to {@code onReading}, which feeds the estimate to the core). Runs on one
 * thread at a time (the scheduler never overlaps runs of one task).
 */
final class HostSampler implements Runnable {
  private final HostSource source;
  private final boolean perCore;
  private final PowerEstimate estimate; // null when the estimate is off
  private final LongSupplier nanoTime;
  private final StateLog states;
  private final Consumer<Reading> onReading;

  private volatile Reading latest;
  private volatile String failure;

  /**
   * What the last good sample says. Utilisation and estimate are NaN until two samples exist.
   *
   * @param atNanos when the sample was taken, on {@code nanoTime}'s scale
   */
  record Reading(
      HostSample sample,
      double cpuUtilization,
      List<Double> coreUtilization,
      double estimateWatts,
      long atNanos) {

    Reading {
      coreUtilization = List.copyOf(coreUtilization);
    }
  }

  HostSampler(
      HostSource source,
      boolean perCore,
      PowerEstimate estimate,
      LongSupplier nanoTime,
      Logger log,
      Consumer<Reading> onReading) {
    this.source = source;
    this.onReading = onReading;
    this.perCore = perCore;
    this.estimate = estimate;
    this.nanoTime = nanoTime;
    this.states = new StateLog(log);
  }

  @Override
  public void run() {
    HostSample sample;
    try {
      sample = source.sample(perCore);
    } catch (RuntimeException | LinkageError e) {
      // LinkageError: a native call JNA cannot bind; uncaught, it would end the schedule silently
      failure = NativeAccess.describe(HostProvider.READING, e);
      states.failing("host", "metrics withheld until reading works again: " + failure);
      return;
    }
    long now = nanoTime.getAsLong();
    latest = next(latest, sample, now);
    onReading.accept(latest);
    failure = null;
    states.ok("host", "reading works again");
  }

  private Reading next(Reading previous, HostSample sample, long now) {
    if (previous == null) {
      return new Reading(sample, Double.NaN, List.of(), Double.NaN, now);
    }
    double load = Utilization.between(previous.sample().cpu(), sample.cpu());
    List<Double> cores = Utilization.perCore(previous.sample().cores(), sample.cores());
    double watts = estimate == null || Double.isNaN(load) ? Double.NaN : estimate.watts(load);
    return new Reading(sample, load, cores, watts, now);
  }

  /** The last good reading, or null before the first sample succeeded. */
  Reading latest() {
    return latest;
  }

  /** Why the last sample failed, or null when it succeeded. */
  String failure() {
    return failure;
  }
}
