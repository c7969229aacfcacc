package dev.powermon.rapl;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ParseProblems;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.api.Settings;
import dev.powermon.api.StateLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.helpers.NOPLogger;

/**
 * The {@code rapl} collector: CPU package, core, uncore, DRAM and platform energy from Linux RAPL.
 */
public final class RaplProvider implements CollectorProvider {
  static final SettingSpec SYSFS =
      SettingSpec.builder("sysfs", SettingType.PATH)
          .defaultValue("/sys")
          .help(
              "Where sysfs is mounted; /host/sys in a container that mounts the host's /sys there.")
          .build();
  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION)
          .defaultValue("1s")
          .min("10ms")
          .help(
              "How often the counters are read in the background. While a counter would wrap"
                  + " within 4 intervals at the current power, the sampler reads faster on its own"
                  + " (down to 10ms) and comes back to this when the power falls.")
          .build();
  static final SettingSpec REDISCOVERY =
      SettingSpec.builder("rediscovery", SettingType.DURATION)
          .defaultValue("5m")
          .min("1s")
          .help("How often zones are looked for again (also after any read error).")
          .build();
  static final SettingSpec MSR =
      SettingSpec.builder("msr", SettingType.BOOLEAN)
          .defaultValue("false")
          .help(
              "When powercap is absent, read the RAPL MSRs from /dev/cpu/N/msr (root and the msr"
                  + " module).")
          .build();
  static final SettingSpec DEV =
      SettingSpec.builder("dev", SettingType.PATH)
          .defaultValue("/dev")
          .help("Where /dev is, for the MSR fallback's cpu/N/msr files.")
          .build();

  /** Where a probe's parse problems go: nowhere. */
  private static final ParseProblems UNCOUNTED =
      new ParseProblems() {
        @Override
        public void problem(String field, String reason) {}

        @Override
        public void ok(String field) {}
      };

  /**
   * How long open() waits between its two samples, unless the interval is shorter: start-up waits
   * for it. The counters move every ~1 ms, so 50 ms gives a first power within a few percent.
   */
  private static final Duration FIRST_WINDOW = Duration.ofMillis(50);

  private final SysFiles files;

  public RaplProvider() {
    this(new NioSysFiles());
  }

  /** For tests: every read goes through {@code files}. */
  RaplProvider(SysFiles files) {
    this.files = files;
  }

  @Override
  public String name() {
    return "rapl";
  }

  @Override
  public String description() {
    return "CPU package, core, uncore, DRAM and platform energy from Linux RAPL (powercap, MSR"
        + " fallback).";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(SYSFS, INTERVAL, REDISCOVERY, MSR, DEV);
  }

  @Override
  public List<MetricSpec> metrics() {
    return RaplFamilies.all();
  }

  @Override
  public boolean measuresHostPower() {
    return true;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    try (DeadlineFiles reads = new DeadlineFiles(files, context.clock())) {
      Sampler sampler =
          sampler(
              context,
              reads,
              new StateLog(NOPLogger.NOP_LOGGER),
              UNCOUNTED, // a probe is a look, not a sample: the core counts what collectors read
              readings -> {});
      sampler.sample();
      Readings r = sampler.latest();
      return r.failure() == null
          ? ProbeResult.available(Summary.of(r))
          : ProbeResult.unavailable(r.failure());
    } catch (RuntimeException e) { // probe never throws; a bug here must not stop the others
      return ProbeResult.unavailable("RAPL probe failed unexpectedly: " + e);
    }
  }

  @Override
  public Collector open(CollectorContext context) throws IOException, InterruptedException {
    Duration interval = context.settings().duration(INTERVAL);
    PowerReadings power = context.powerReadings(PowerSeries.SOURCE, MeterClass.COMPONENT);
    DeadlineFiles reads = new DeadlineFiles(files, context.clock());
    Sampler sampler =
        sampler(
            context,
            reads,
            new StateLog(context.logger()),
            context.problems(),
            readings ->
                PowerSeries.feed(readings, context.hostname(), power, context.clock().millis()));
    try {
      sampler.sample();
      Readings first = sampler.latest();
      if (first.zones().isEmpty()) {
        throw new IOException(first.failure());
      }
      // A second sample shortly after gives the first scrape and `powermon probe` a power reading.
      Thread.sleep(Math.min(interval.toMillis(), FIRST_WINDOW.toMillis()));
      sampler.sample();
    } catch (IOException | InterruptedException | RuntimeException e) {
      reads.close(); // no collector will own the read threads
      throw e;
    }
    SamplingLoop loop = new SamplingLoop(context.scheduler(), sampler);
    loop.start();
    return new RaplCollector(
        sampler,
        () -> {
          loop.close();
          reads.close();
        },
        interval);
  }

  private Sampler sampler(
      CollectorContext context,
      SysFiles reads,
      StateLog log,
      ParseProblems problems,
      Consumer<Readings> onSample) {
    Settings s = context.settings();
    return new Sampler(
        source(s, reads, problems),
        context::nanoTime,
        s.duration(INTERVAL),
        s.duration(REDISCOVERY),
        log,
        problems,
        onSample);
  }

  /** Powercap, unless it is absent and the operator asked for the MSR fallback. */
  private EnergySource source(Settings s, SysFiles reads, ParseProblems problems) {
    Path sysfs = s.path(SYSFS);
    VendorRanges vendor = VendorRanges.detect(reads, sysfs);
    PowercapDiscovery powercap = new PowercapDiscovery(reads, sysfs, vendor, problems);
    if (s.bool(MSR) && !exists(reads, powercap.classDir())) {
      return new MsrSource(reads, s.path(DEV), sysfs, vendor.vendor());
    }
    return new PowercapSource(reads, powercap);
  }

  private static boolean exists(SysFiles files, Path dir) {
    try {
      files.list(dir);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
