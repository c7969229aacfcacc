package dev.powermon.macos;

import dev.powermon.api.ParseProblems;
import dev.powermon.api.StateLog;
import dev.powermon.oshi.FieldProblems;
import dev.powermon.oshi.NativeAccess;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/** Samples IOReport's Energy Model every interval on the shared scheduler; needs no root. */
final class IOReportSource implements SampleSource {
  private final EnergyChannelSource.Opener opener;
  private final ScheduledExecutorService scheduler;
  private final Duration interval;
  private final LongSupplier nanoTime;
  private final StateLog states;
  private EnergyChannelSource channels;
  private ScheduledFuture<?> task;
  private long lastNanos;
  private volatile String problem;
  private final FieldProblems fields;

  IOReportSource(
      EnergyChannelSource.Opener opener,
      ScheduledExecutorService scheduler,
      Duration interval,
      LongSupplier nanoTime,
      Logger log,
      ParseProblems problems) {
    this.opener = opener;
    this.scheduler = scheduler;
    this.interval = interval;
    this.nanoTime = nanoTime;
    this.states = new StateLog(log);
    this.fields = new FieldProblems(problems);
  }

  /** What JNA was asked to do, for the message when it cannot load. */
  static final String OPENING = "opening IOReport through JNA";

  /**
   * Whether this is a Mac whose IOReport has Energy Model channels (Apple Silicon).
   *
   * @throws NativeAccess.NativeAccessException when JNA cannot load, which the operator can fix
   */
  static boolean works() {
    if (!MacHost.isMac()) {
      return false;
    }
    try (EnergyChannelSource probe = IOReportChannels.open()) {
      return !probe.sample().isEmpty();
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (LinkageError e) {
      throw NativeAccess.failure(OPENING, e);
    }
  }

  @Override
  public String name() {
    return "ioreport";
  }

  @Override
  public synchronized void start(SampleLog samples) {
    try {
      channels = opener.open();
      lastNanos = nanoTime.getAsLong();
    } catch (IOException | RuntimeException e) {
      problem = "cannot subscribe to IOReport Energy Model channels: " + e.getMessage();
      return;
    } catch (LinkageError e) {
      problem = NativeAccess.failure(OPENING, e).getMessage();
      return;
    }
    // Channels update at different rates (every ~1.7 s for CPU on some Ultras): shorter windows
    // jitter.
    task =
        scheduler.scheduleAtFixedRate(
            () -> sample(samples), interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  synchronized void sample(SampleLog samples) {
    try {
      long now = nanoTime.getAsLong();
      PowerSample s = EnergyModel.toSample(channels.sample(), (now - lastNanos) / 1e9);
      lastNanos = now;
      samples.record(s, now);
      fields.report(s.invalid());
      problem = null;
      states.ok("IOReport", "delivers samples again");
    } catch (IOException | RuntimeException | LinkageError e) {
      // LinkageError: JNA cannot load; uncaught, it would end the schedule silently
      problem =
          e instanceof IOException
              ? "IOReport sampling failed: " + e.getMessage()
              : NativeAccess.describe("sampling IOReport through JNA", e);
      states.failing("IOReport", problem);
    }
  }

  @Override
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
    }
    if (channels != null) {
      channels.close();
    }
  }
}
