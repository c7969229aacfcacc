package dev.powermon.oshi;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A collector's own sampling thread. Native reads (PDH, IOKit, IOReport) can block without a
 * timeout; on the scheduler all collectors share, one stuck read would stall every collector's
 * sampling. Here it stalls this collector's readings alone, and its staleness check says so.
 */
public final class SamplerThread implements AutoCloseable {
  private final ScheduledExecutorService executor;

  /**
   * @param name the thread's name, for thread dumps ("powermon-windows-sampler")
   */
  public SamplerThread(String name) {
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true); // a read stuck in native code must not keep the JVM from exiting
              return t;
            });
  }

  /** Where to schedule the sampling. */
  public ScheduledExecutorService scheduler() {
    return executor;
  }

  /** Stops sampling; interrupts a read under way. Never throws. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
