package dev.powermon.host;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.host.HostSettings.EstimateMode;
import dev.powermon.host.HostSource.CpuInfo;
import dev.powermon.oshi.NativeAccess;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The {@code host} collector: CPU, memory, network, battery and uptime of any machine through OSHI,
 * and a CPU-load power estimate labelled {@code source="estimate"} where nothing measures the
 * host's power.
 */
public final class HostProvider implements CollectorProvider {
  /**
   * Default full-load power per logical CPU: 65 W over a 16-thread desktop, 2 vCPUs of a cloud VM ~
   * 8 W.
   */
  static final double DEFAULT_WATTS_PER_LOGICAL_CPU = 4.0;

  /**
   * Default idle power as a share of tdp-watts (cloud-carbon-footprint's 0.74 W / 3.5 W per vCPU is
   * 0.21).
   */
  static final double DEFAULT_IDLE_FRACTION = 0.2;

  /**
   * OSHI caches CPU ticks and memory for 300 ms: a shorter interval would read the same values
   * twice.
   */
  static final Duration MIN_INTERVAL = Duration.ofMillis(500);

  private static final List<String> MODES = List.of("auto", "on", "off");

  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION)
          .defaultValue("1s")
          .min("500ms")
          .max("10m")
          .help(
              "How often CPU ticks, memory, network and batteries are sampled in the background; "
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
          .check(
              v -> MODES.contains(((String) v).trim().toLowerCase(Locale.ROOT)),
              "must be auto, on or off")
          .help(
              "Export the CPU-load power estimate (source=\"estimate\"): auto = only when no enabled "
                  + "collector measures this host's power, on = always, off = never.")
          .build();
  static final SettingSpec TDP_WATTS =
      SettingSpec.builder("tdp-watts", SettingType.DECIMAL)
          .check(v -> (Double) v > 0, "must be more than 0")
          .help(
              "Estimated power at full CPU load, in watts: the CPU's TDP, or better a wall-meter reading "
                  + "under load. Default: "
                  + DEFAULT_WATTS_PER_LOGICAL_CPU
                  + " W per logical CPU.")
          .build();
  static final SettingSpec IDLE_WATTS =
      SettingSpec.builder("idle-watts", SettingType.DECIMAL)
          .min("0")
          .help(
              "Estimated power with the CPU idle, in watts. Default: "
                  + Math.round(DEFAULT_IDLE_FRACTION * 100)
                  + "% of tdp-watts.")
          .build();

  static final List<SettingSpec> SETTINGS =
      List.of(INTERVAL, PER_CORE, ESTIMATE, TDP_WATTS, IDLE_WATTS);

  /**
   * The first utilisation window, so that the first scrape and {@code powermon probe} already show
   * one; longer than OSHI's 300 ms cache of CPU ticks.
   */
  static final Duration FIRST_WINDOW = MIN_INTERVAL;

  /** What OSHI is asked to do, for the message when JNA cannot load. */
  static final String READING = "reading the host through OSHI";

  private final Supplier<HostSource> sources;

  /**
   * Made by the first probe or open, then shared: OSHI's setup takes a second or more; its reads
   * are thread-safe.
   */
  private HostSource source;

  public HostProvider() {
    this(OshiHostSource::new);
  }

  HostProvider(Supplier<HostSource> sources) {
    this.sources = sources;
  }

  @Override
  public String name() {
    return "host";
  }

  @Override
  public String description() {
    return "CPU, memory, network, battery and uptime of this host through OSHI (any OS), "
        + "and a labelled CPU-load power estimate where nothing measures.";
  }

  @Override
  public List<SettingSpec> settings() {
    return SETTINGS;
  }

  @Override
  public List<MetricSpec> metrics() {
    return HostFamilies.ALL;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    try {
      HostSettings settings = new HostSettings(context.settings());
      CpuInfo cpu = cpuInfo();
      PowerEstimate estimate = settings.powerEstimate(cpu.logicalCores());
      String detail = estimateDetail(settings, estimate, context.hostPowerMeasured());
      return ProbeResult.available(
          String.format(
              Locale.ROOT,
              "%s, %d logical CPUs; estimate %s",
              cpu.model(),
              cpu.logicalCores(),
              detail));
    } catch (IllegalArgumentException | NativeAccess.NativeAccessException e) {
      return ProbeResult.unavailable(e.getMessage());
    } catch (RuntimeException e) {
      return ProbeResult.unavailable("OSHI cannot read this host: " + e);
    }
  }

  private static String estimateDetail(
      HostSettings settings, PowerEstimate estimate, boolean measured) {
    if (settings.estimateShown(measured)) {
      return "on, " + range(estimate);
    }
    return settings.estimateMode() == EstimateMode.OFF
        ? "off"
        : "off (another collector measures this host)";
  }

  private static String range(PowerEstimate estimate) {
    return String.format(
        Locale.ROOT,
        "%.1f W idle to %.1f W at full load",
        estimate.idleWatts(),
        estimate.tdpWatts());
  }

  /**
   * The shared source's CPU facts; a JNA library that cannot load becomes one line for the
   * operator.
   */
  private CpuInfo cpuInfo() {
    return NativeAccess.call(READING, () -> source().cpuInfo());
  }

  private synchronized HostSource source() {
    if (source == null) {
      source = sources.get();
    }
    return source;
  }

  @Override
  public Collector open(CollectorContext context) throws Exception {
    HostSettings settings = new HostSettings(context.settings());
    CpuInfo cpu = cpuInfo();
    HostSource host = source();
    PowerEstimate estimate =
        settings.estimateMode() == EstimateMode.OFF
            ? null
            : settings.powerEstimate(cpu.logicalCores());
    if (estimate != null && settings.estimateShown(context.hostPowerMeasured())) {
      context
          .logger()
          .info(
              "Estimating this host's power from CPU load as source=\"estimate\", {}; set tdp-watts and "
                  + "idle-watts to calibrate it.",
              range(estimate));
    }
    boolean estimateServed =
        estimate != null && settings.estimateShown(context.hostPowerMeasured());
    HostSampler sampler =
        new HostSampler(
            host,
            settings.perCore(),
            estimate,
            context::nanoTime,
            context.logger(),
            estimateReadings(context, estimateServed));
    sampler.run();
    // A second sample after a short window gives the first scrape a utilisation and an estimate.
    Thread.sleep(FIRST_WINDOW.toMillis());
    sampler.run();
    long period = settings.interval().toNanos();
    ScheduledFuture<?> schedule =
        context.scheduler().scheduleAtFixedRate(sampler, period, period, TimeUnit.NANOSECONDS);
    return new HostCollector(context, cpu, sampler, settings, estimateServed, schedule);
  }

  /**
   * Hands each estimate to the core, when it is served: the mean of the window just ended, as power
   * at its end (meter class ESTIMATE, so fleet totals count it only for hosts with nothing better).
   * The core integrates it into {@code powermon_energy_joules_total} and keeps that across a
   * reload.
   */
  private static Consumer<HostSampler.Reading> estimateReadings(
      CollectorContext context, boolean shown) {
    if (!shown) {
      return reading -> {};
    }
    PowerReadings readings =
        context.powerReadings(HostFamilies.ESTIMATE_SOURCE, MeterClass.ESTIMATE);
    return reading -> {
      if (!Double.isNaN(reading.estimateWatts())) {
        readings.watts(
            context.hostname(),
            PowerFamilies.TOTAL_DOMAIN,
            Labels.EMPTY,
            context.clock().millis(),
            reading.estimateWatts());
      }
    };
  }
}
