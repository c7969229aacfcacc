package dev.powermon.exporter.meta;

/**
 * Outcome of the last config (re)load, for {@code powermon_config_last_reload_*}, and of the last
 * web config (re)load, for {@code powermon_web_config_last_reload_successful}.
 */
public final class ReloadStatus {
  private volatile boolean successful = true;
  private volatile boolean webSuccessful = true;
  private volatile double lastSuccessSeconds = System.currentTimeMillis() / 1000.0;

  public void succeeded() {
    successful = true;
    lastSuccessSeconds = System.currentTimeMillis() / 1000.0;
  }

  public void failed() {
    successful = false;
  }

  /**
   * @param ok whether every web config file read again and took effect
   */
  public void webReloaded(boolean ok) {
    webSuccessful = ok;
  }

  public boolean webSuccessful() {
    return webSuccessful;
  }

  public boolean successful() {
    return successful;
  }

  public double lastSuccessSeconds() {
    return lastSuccessSeconds;
  }
}
