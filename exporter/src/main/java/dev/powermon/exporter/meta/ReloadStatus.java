package dev.powermon.exporter.meta;

/** Outcome of the last config (re)load, for {@code powermon_config_last_reload_*}. */
public final class ReloadStatus {
  private volatile boolean successful = true;
  private volatile double lastSuccessSeconds = System.currentTimeMillis() / 1000.0;

  public void succeeded() {
    successful = true;
    lastSuccessSeconds = System.currentTimeMillis() / 1000.0;
  }

  public void failed() {
    successful = false;
  }

  public boolean successful() {
    return successful;
  }

  public double lastSuccessSeconds() {
    return lastSuccessSeconds;
  }
}
