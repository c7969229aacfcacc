package dev.powermon.host;

import dev.powermon.api.Settings;
import java.time.Duration;
import java.util.Locale;

/**
 * The host collector's settings ({@link HostProvider} declares them) read back, with what follows
 * from them.
 */
final class HostSettings {
  /** When the estimate is exported. */
  enum EstimateMode {
    AUTO,
    ON,
    OFF
  }

  private final Settings settings;
  private final Duration interval;
  private final EstimateMode estimateMode;

  /**
   * @throws IllegalArgumentException naming the setting and the rule it breaks
   */
  HostSettings(Settings settings) {
    this.settings = settings;
    this.interval = settings.duration(HostProvider.INTERVAL);
    this.estimateMode =
        EstimateMode.valueOf(
            settings.string(HostProvider.ESTIMATE).trim().toUpperCase(Locale.ROOT));
  }

  Duration interval() {
    return interval;
  }

  boolean perCore() {
    return settings.bool(HostProvider.PER_CORE);
  }

  EstimateMode estimateMode() {
    return estimateMode;
  }

  /**
   * Whether the estimate is exported now; auto follows the other collectors, after a reload too.
   */
  boolean estimateShown(boolean hostPowerMeasured) {
    return estimateMode == EstimateMode.ON
        || (estimateMode == EstimateMode.AUTO && !hostPowerMeasured);
  }

  /**
   * The power model for a host with {@code logicalCpus}, defaults filled in.
   *
   * @throws IllegalArgumentException when the given watts are inconsistent
   */
  PowerEstimate powerEstimate(int logicalCpus) {
    double tdp =
        settings.isGiven(HostProvider.TDP_WATTS)
            ? settings.decimal(HostProvider.TDP_WATTS)
            : HostProvider.DEFAULT_WATTS_PER_LOGICAL_CPU * Math.max(1, logicalCpus);
    double idle =
        settings.isGiven(HostProvider.IDLE_WATTS)
            ? settings.decimal(HostProvider.IDLE_WATTS)
            : HostProvider.DEFAULT_IDLE_FRACTION * tdp;
    try {
      return new PowerEstimate(idle, tdp);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("collectors.host: " + e.getMessage(), e);
    }
  }
}
