package dev.powermon.rapl;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link Sampler} on the shared scheduler, each run scheduling the next after the interval
 * the sampler asks for now, so the pace follows {@link AdaptiveInterval}.
 */
final class SamplingLoop implements AutoCloseable {
  private final ScheduledExecutorService scheduler;
  private final Sampler sampler;
  private ScheduledFuture<?> next;
  private boolean closed;

  SamplingLoop(ScheduledExecutorService scheduler, Sampler sampler) {
    this.scheduler = scheduler;
    this.sampler = sampler;
  }

  synchronized void start() {
    schedule();
  }

  private void tick() {
    sampler.run();
    synchronized (this) {
      if (!closed) {
        schedule();
      }
    }
  }

  private void schedule() {
    try {
      next = scheduler.schedule(this::tick, sampler.intervalInUseNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      closed = true; // the scheduler is shutting down: so is the collector
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel(false);
    }
  }
}
