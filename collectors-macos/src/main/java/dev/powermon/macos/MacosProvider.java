package dev.powermon.macos;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.oshi.BatterySource;
import dev.powermon.oshi.NativeAccess;
import dev.powermon.oshi.SamplerThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Mac power: IOReport's Energy Model without root, else powermetrics as root; plus battery
 * discharge.
 */
public final class MacosProvider implements CollectorProvider {
  static final String DEFAULT_POWERMETRICS = "/usr/bin/powermetrics";
  static final SettingSpec POWERMETRICS =
      SettingSpec.builder("powermetrics", SettingType.PATH)
          .defaultValue(DEFAULT_POWERMETRICS)
          .help(
              "The powermetrics executable. Named explicitly, it is used instead of IOReport, on any OS "
                  + "(how tests replay recorded output).")
          .build();
  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION)
          .defaultValue("1s")
          .min("100ms")
          .max("1h")
          .help("Sampling window (powermetrics -i; IOReport and battery sampling period).")
          .build();
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_FIRST_WAIT = Duration.ofSeconds(4);

  private final Supplier<BatterySource> batteries;
  private final Duration firstBackoff;

  public MacosProvider() {
    this(() -> MacHost.isMac() ? BatterySource.ofThisMachine() : List::of, FIRST_BACKOFF);
  }

  /** For tests: a fake battery and a short restart back-off. */
  MacosProvider(Supplier<BatterySource> batteries, Duration firstBackoff) {
    this.batteries = batteries;
    this.firstBackoff = firstBackoff;
  }

  @Override
  public String name() {
    return "macos";
  }

  @Override
  public String description() {
    return "Mac CPU, GPU, ANE and package power from IOReport (no root) or powermetrics (root), and battery discharge.";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(POWERMETRICS, INTERVAL);
  }

  @Override
  public List<MetricSpec> metrics() {
    return MacosFamilies.ALL;
  }

  @Override
  public boolean measuresHostPower() {
    return true;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    Path powermetrics = context.settings().path(POWERMETRICS);
    if (context.settings().isGiven(POWERMETRICS)) {
      return Files.isExecutable(powermetrics)
          ? ProbeResult.available("powermetrics " + powermetrics + " (named explicitly)")
          : ProbeResult.unavailable(
              powermetrics + " is not an executable file; fix --collector.macos.powermetrics");
    }
    if (!MacHost.isMac()) {
      return ProbeResult.unavailable("macos collector runs on macOS; this is " + MacHost.osName());
    }
    String noIOReport = "no IOReport Energy Model on this Mac (Intel?)";
    try {
      if (IOReportSource.works()) {
        return ProbeResult.available(
            MacHost.isRoot()
                ? "IOReport Energy Model"
                : "IOReport Energy Model (powermetrics needs root; IOReport is used instead)");
      }
    } catch (NativeAccess.NativeAccessException e) {
      noIOReport = e.getMessage();
    }
    if (MacHost.isRoot() && Files.isExecutable(powermetrics)) {
      return ProbeResult.available("powermetrics " + powermetrics + " (" + noIOReport + ")");
    }
    return ProbeResult.unavailable(
        noIOReport
            + "; and powermetrics needs root: "
            + "run powermon as root, see the macos collector's docs");
  }

  @Override
  public Collector open(CollectorContext context) throws Exception {
    Duration interval = context.settings().duration(INTERVAL);
    // IOReport and IOKit calls can block: on a thread of its own, one stuck call stalls this
    // collector only
    SamplerThread thread = new SamplerThread("powermon-macos-sampler");
    SampleSource source;
    try {
      source = chooseSource(context, interval, thread);
    } catch (IOException | RuntimeException e) {
      thread.close();
      throw e;
    }
    PowerReadings readings = context.powerReadings(name(), MeterClass.COMPONENT);
    SampleLog samples = new SampleLog(readings, context.clock(), context.hostname(), true);
    source.start(samples);
    Battery battery =
        new Battery(
            batteries.get(),
            new SampleLog(readings, context.clock(), context.hostname(), false),
            context::nanoTime,
            context.logger());
    try {
      // bounded: with a long interval the first window ends after open() returns, and scrapes say
      // so meanwhile
      awaitFirstSample(source, samples, min(interval.plusSeconds(2), MAX_FIRST_WAIT));
      battery.start(thread.scheduler(), interval);
    } catch (IOException | InterruptedException | RuntimeException e) {
      source.close();
      thread.close();
      throw e;
    }
    return new MacosCollector(source, samples, battery, thread, interval);
  }

  private SampleSource chooseSource(
      CollectorContext context, Duration interval, SamplerThread thread) throws IOException {
    Path powermetrics = context.settings().path(POWERMETRICS);
    if (context.settings().isGiven(POWERMETRICS)) {
      return new PowermetricsSource(
          powermetrics,
          interval,
          firstBackoff,
          context::nanoTime,
          context.logger(),
          context.problems());
    }
    if (!MacHost.isMac()) {
      throw new IOException("macos collector runs on macOS; this is " + MacHost.osName());
    }
    if (IOReportSource.works()) {
      return new IOReportSource(
          IOReportChannels::open,
          thread.scheduler(),
          interval,
          context::nanoTime,
          context.logger(),
          context.problems());
    }
    if (!MacHost.isRoot()) {
      throw new IOException(
          "no IOReport Energy Model on this Mac and powermetrics needs root: run powermon as root");
    }
    return new PowermetricsSource(
        powermetrics,
        interval,
        firstBackoff,
        context::nanoTime,
        context.logger(),
        context.problems());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Waits until the source delivered a sample or reported why it cannot. */
  private static void awaitFirstSample(SampleSource source, SampleLog samples, Duration limit)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (samples.view().lastSampleNanos().isPresent()) {
        return;
      }
      if (source.problem().isPresent()) {
        throw new IOException(source.problem().get());
      }
      Thread.sleep(20);
    }
  }
}
