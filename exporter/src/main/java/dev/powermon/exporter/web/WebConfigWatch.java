package dev.powermon.exporter.web;

import dev.powermon.exporter.runtime.CollectorPool;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the web configs when one of their files changes on disk, as the exporter-toolkit picks up
 * a changed file without a signal: a certificate renewed by certbot or cert-manager, a password
 * added, takes effect within a second.
 */
public final class WebConfigWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebConfigWatch.class);

  private final ScheduledExecutorService looker =
      Executors.newSingleThreadScheduledExecutor(CollectorPool.daemon("powermon-web-config-watch"));

  /**
   * Looks at {@code watched} every second; runs {@code reload} (which reads them all) when any
   * changed.
   */
  public WebConfigWatch(List<WebSecurity> watched, Runnable reload) {
    looker.scheduleWithFixedDelay(
        () -> {
          boolean changed = false;
          for (WebSecurity w : watched) {
            changed |= w.changedOnDisk(); // look at each, so none reports the same change twice
          }
          try {
            if (changed) {
              LOG.info("web config changed on disk; reading it again");
              reload.run();
            }
          } catch (RuntimeException e) {
            // a failed look must not end the looking; the reload logs its own failures
            LOG.error("web config reload failed: {}", e.toString());
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    looker.shutdownNow();
  }
}
