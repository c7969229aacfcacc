package dev.powermon.host;

import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.api.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The host collector's settings, declared for the core and read back validated. */
final class HostSettings {
  /** Default full-load power per logical CPU: 65 W over a 16-thread desktop, 2 vCPUs of a cloud VM ~ 8 W. */
  static final double DEFAULT_WATTS_PER_LOGICAL_CPU = 4.0;
  /** Default idle power as a share of tdp-watts (cloud-carbon-footprint's 0.74 W / 3.5 W per vCPU is 0.21). */
  static final double DEFAULT_IDLE_FRACTION = 0.2;

  /** OSHI caches CPU ticks and memory for 300 ms: a shorter interval would read the same values twice. */
  static final Duration MIN_INTERVAL = Duration.ofMillis(500);

  private static final List<String> MODES = List.of("auto", "on", "off");

  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION)
          .defaultValue("1s")
          .min("500ms")
          .max("10m")
          .help("How often CPU ticks, memory, network and batteries are sampled in the background; "
              + "utilisation and the estimate are averages over this window.")
          .build();
  static final SettingSpec PER_CORE =
      SettingSpec.builder("per-core", SettingType.BOOLEAN)
          .defaultValue("false")
          .help("Also export the utilisation of each logical CPU (one series per CPU).")
          .build();
  static final SettingSpec ESTIMATE =
      SettingSpec.builder("estimate", SettingType.STRING)
          .defaultValue("auto")
          .check(v -> MODES.contains(((String) v).trim().toLowerCase(Locale.ROOT)), "must be auto, on or off")
          .help("Export the CPU-load power estimate (source=\"estimate\"): auto = only when no enabled "
              + "collector measures this host's power, on = always, off = never.")
          .build();
  static final SettingSpec TDP_WATTS =
      SettingSpec.builder("tdp-watts", SettingType.DECIMAL)
          .check(v -> (Double) v > 0, "must be more than 0")
          .help("Estimated power at full CPU load, in watts: the CPU's TDP, or better a wall-meter reading "
              + "under load. Default: " + DEFAULT_WATTS_PER_LOGICAL_CPU + " W per logical CPU.")
          .build();
  static final SettingSpec IDLE_WATTS =
      SettingSpec.builder("idle-watts", SettingType.DECIMAL)
          .min("0")
          .help("Estimated power with the CPU idle, in watts. Default: "
              + Math.round(DEFAULT_IDLE_FRACTION * 100) + "% of tdp-watts.")
          .build();

  static final List<SettingSpec> ALL = List.of(INTERVAL, PER_CORE, ESTIMATE, TDP_WATTS, IDLE_WATTS);

  /** When the estimate is exported. */
  enum EstimateMode {
    AUTO,
    ON,
    OFF
  }

  private final Settings settings;
  private final Duration interval;
  private final EstimateMode estimateMode;

  /** @throws IllegalArgumentException naming the setting and the rule it breaks */
  HostSettings(Settings settings) {
    this.settings = settings;
    this.interval = settings.duration(INTERVAL);
    this.estimateMode = EstimateMode.valueOf(settings.string(ESTIMATE).trim().toUpperCase(Locale.ROOT));
  }

  Duration interval() {
    return interval;
  }

  boolean perCore() {
    return settings.bool(PER_CORE);
  }

  EstimateMode estimateMode() {
    return estimateMode;
  }

  /** Whether the estimate is exported now; auto follows the other collectors, after a reload too. */
  boolean estimateShown(boolean hostPowerMeasured) {
    return estimateMode == EstimateMode.ON || (estimateMode == EstimateMode.AUTO && !hostPowerMeasured);
  }

  /**
   * The power model for a host with {@code logicalCpus}, defaults filled in.
   *
   * @throws IllegalArgumentException when the given watts are inconsistent
   */
  PowerEstimate powerEstimate(int logicalCpus) {
    double tdp = settings.isGiven(TDP_WATTS)
        ? settings.decimal(TDP_WATTS)
        : DEFAULT_WATTS_PER_LOGICAL_CPU * Math.max(1, logicalCpus);
    double idle = settings.isGiven(IDLE_WATTS) ? settings.decimal(IDLE_WATTS) : DEFAULT_IDLE_FRACTION * tdp;
    try {
      return new PowerEstimate(idle, tdp);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("collectors.host: " + e.getMessage(), e);
    }
  }
}
