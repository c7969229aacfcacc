package dev.powermon.hwmon;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.Executables;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ParseProblems;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.api.Settings;
import dev.powermon.api.StateLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@code hwmon} collector: Linux hwmon board sensors (INA2xx, amdgpu, ACPI power meters, PMBus
 * PSUs, anything else hwmon lists) and the Raspberry Pi 5's PMIC. Enabled by default where a power,
 * energy or current sensor (or the PMIC) is found.
 */
public final class HwmonProvider implements CollectorProvider {
  static final SettingSpec SYSFS =
      SettingSpec.builder("sysfs", SettingType.PATH)
          .defaultValue("/sys")
          .help(
              "Where sysfs is mounted; /host/sys in a container that mounts the host's /sys there.")
          .build();
  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION)
          .defaultValue("1s")
          .min("100ms")
          .max("1m")
          .help("How often every chip (and the Pi 5 PMIC) is read in the background.")
          .build();
  static final SettingSpec RAILS =
      SettingSpec.builder("rails", SettingType.STRING)
          .list()
          .check(
              Rails::isEntry,
              "must be CHIP/SENSOR=DOMAIN[:wall|:component], e.g. ina260-1-0040/power1=total:wall")
          .help(
              "What a power sensor measures: CHIP/SENSOR=DOMAIN[:wall|:component] puts it in powermon_power_watts"
                  + " with that domain (source hwmon, or hwmon-wall for wall meters); repeat for several.")
          .build();
  static final SettingSpec VCGENCMD =
      SettingSpec.builder("vcgencmd", SettingType.PATH)
          .help(
              "vcgencmd, for the Raspberry Pi 5 PMIC's rails (pmic_read_adc). Default: vcgencmd on PATH,"
                  + " used only when it answers pmic_read_adc.")
          .build();
  static final SettingSpec PMIC_TIMEOUT =
      SettingSpec.builder("pmic-timeout", SettingType.DURATION)
          .defaultValue("2s")
          .min("100ms")
          .max("30s")
          .help("Deadline of one vcgencmd pmic_read_adc run; a run past it is stopped.")
          .build();

  private final Supplier<Optional<Path>> vcgencmdOnPath;

  public HwmonProvider() {
    this(HwmonProvider::findVcgencmd);
  }

  /**
   * For tests: where vcgencmd is found when the setting does not name it (this machine may have
   * one).
   */
  HwmonProvider(Supplier<Optional<Path>> vcgencmdOnPath) {
    this.vcgencmdOnPath = vcgencmdOnPath;
  }

  /**
   * How long one sample waits for a chip's reads; a chip past it is left out until its read
   * returns.
   */
  static final Duration READ_DEADLINE = Duration.ofSeconds(1);

  @Override
  public String name() {
    return "hwmon";
  }

  @Override
  public String description() {
    return "Linux hwmon board sensors (INA2xx, amdgpu, ACPI power meters, PMBus PSUs) and the Raspberry Pi 5 PMIC.";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(SYSFS, INTERVAL, RAILS, VCGENCMD, PMIC_TIMEOUT);
  }

  @Override
  public List<MetricSpec> metrics() {
    return HwmonFamilies.ALL;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    try {
      Settings s = context.settings();
      SysfsHwmon hwmon = new SysfsHwmon(s.path(SYSFS), ParseProblems.DISCARD);
      List<Chip> chips = hwmon.read();
      long electrical =
          chips.stream()
              .flatMap(c -> c.sensors().stream())
              .filter(x -> x.kind() != SensorKind.VOLTAGE && x.kind() != SensorKind.TEMPERATURE)
              .count();
      Optional<Path> vcgencmd = vcgencmd(s);
      if (electrical == 0 && vcgencmd.isEmpty()) {
        return ProbeResult.unavailable(
            "no hwmon power, energy or current sensor under "
                + hwmon.classDir()
                + " and no vcgencmd; needs Linux with such a sensor (INA2xx, amdgpu, ACPI power meter, PMBus PSU)");
      }
      return ProbeResult.available(
          chips.size()
              + " chips, "
              + electrical
              + " power/energy/current sensors"
              + vcgencmd.map(p -> ", PMIC through " + p).orElse(""));
    } catch (RuntimeException e) { // probe never throws
      return ProbeResult.unavailable("hwmon probe failed unexpectedly: " + e);
    }
  }

  @Override
  public Collector open(CollectorContext context) {
    Settings s = context.settings();
    Optional<Path> vcgencmd = vcgencmd(s);
    if (s.isGiven(VCGENCMD) && !Files.isExecutable(s.path(VCGENCMD))) {
      throw new IllegalArgumentException(
          "collectors.hwmon.vcgencmd: "
              + s.path(VCGENCMD)
              + " is not an executable file; name vcgencmd's path or leave the setting out");
    }
    PmicSource pmic =
        vcgencmd.map(p -> (PmicSource) new VcgencmdPmic(p, s.duration(PMIC_TIMEOUT))).orElse(null);
    if (pmic != null && !s.isGiven(VCGENCMD) && !answersPmic(pmic)) {
      context
          .logger()
          .info(
              "{} does not answer pmic_read_adc (not a Raspberry Pi 5): PMIC rails left out",
              pmic.describe());
      pmic = null;
    }
    ChipReads reads = new ChipReads(READ_DEADLINE, context.problems());
    return open(context, new SysfsHwmon(s.path(SYSFS), context.problems(), reads), pmic);
  }

  /** Opens on any source; takes the first sample before returning. */
  static HwmonCollector open(CollectorContext context, HwmonSource hwmon, PmicSource pmic) {
    Settings s = context.settings();
    Map<String, PowerReadings> readings = new HashMap<>();
    UnifiedSources.CLASSES.forEach(
        (source, c) -> readings.put(source, context.powerReadings(source, c)));
    HwmonSampler sampler =
        new HwmonSampler(
            hwmon,
            pmic,
            Rails.parse(s.strings(RAILS)),
            context.hostname(),
            readings,
            context.problems(),
            new StateLog(context.logger()),
            context.clock());
    sampler.sample();
    ScheduledExecutorService thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "hwmon-sampler");
              t.setDaemon(true);
              return t;
            });
    Duration interval = s.duration(INTERVAL);
    // a sample may wait on stuck chips and on vcgencmd up to their deadlines: staleness is judged
    // on the
    // whole cycle
    Duration cycle =
        interval.plus(READ_DEADLINE).plus(pmic == null ? Duration.ZERO : s.duration(PMIC_TIMEOUT));
    thread.scheduleWithFixedDelay(
        () -> {
          try {
            sampler.sample();
          } catch (RuntimeException e) { // a task that throws is never run again
            context.logger().warn("hwmon sample failed unexpectedly: {}", e.toString());
          }
        },
        interval.toNanos(),
        interval.toNanos(),
        TimeUnit.NANOSECONDS);
    return new HwmonCollector(sampler, thread, cycle, context.clock());
  }

  private static boolean answersPmic(PmicSource pmic) {
    try {
      return PmicParser.parse(pmic.read(), ParseProblems.DISCARD).isPresent();
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** The named vcgencmd, or the one on PATH. */
  private Optional<Path> vcgencmd(Settings s) {
    return s.isGiven(VCGENCMD) ? Optional.of(s.path(VCGENCMD)) : vcgencmdOnPath.get();
  }

  private static Optional<Path> findVcgencmd() {
    return Executables.onPath("vcgencmd");
  }
}
