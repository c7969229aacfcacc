package dev.powermon.windows;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.oshi.BatterySource;
import dev.powermon.oshi.NativeAccess;
import dev.powermon.oshi.SamplerThread;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Windows power: Energy Meter counters (RAPL republished, no elevation) and battery discharge. */
public final class WindowsProvider implements CollectorProvider {
  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION)
          .defaultValue("1s")
          .min("100ms")
          .max("1h")
          .help(
              "How often the Energy Meter counters and the battery are read; each read is one power reading.")
          .build();

  private static final String NOTHING_TO_READ =
      "no Energy Meter counters (this CPU's power driver publishes none) "
          + "and no battery; on such a machine use the host collector's estimate";

  /** What JNA is asked to do, for the message when it cannot load. */
  static final String PDH = "opening the Energy Meter counters through PDH";

  private final WindowsHost host;

  public WindowsProvider() {
    this(WindowsHost.REAL);
  }

  /** For tests: a fake machine. */
  WindowsProvider(WindowsHost host) {
    this.host = host;
  }

  @Override
  public String name() {
    return "windows";
  }

  @Override
  public String description() {
    return "Windows CPU package, core and DRAM power from the Energy Meter counters, and battery discharge.";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(INTERVAL);
  }

  @Override
  public List<MetricSpec> metrics() {
    return WindowsFamilies.ALL;
  }

  @Override
  public boolean measuresHostPower() {
    return true;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    if (!host.isWindows()) {
      return ProbeResult.unavailable("windows collector runs on Windows; this is " + host.osName());
    }
    try (EnergyMeterSource meter = host.openMeter()) {
      int batteries = host.batteries().read().size();
      if (meter.instances().isEmpty() && batteries == 0) {
        return ProbeResult.unavailable(NOTHING_TO_READ);
      }
      return ProbeResult.available(
          meter.instances().size() + " Energy Meter instances, " + batteries + " batteries");
    } catch (NativeAccess.NativeAccessException e) {
      return ProbeResult.unavailable(e.getMessage());
    } catch (IOException | RuntimeException e) {
      return ProbeResult.unavailable("cannot query the Energy Meter counters: " + e.getMessage());
    } catch (LinkageError e) {
      return ProbeResult.unavailable(NativeAccess.failure(PDH, e).getMessage());
    }
  }

  @Override
  public Collector open(CollectorContext context) throws Exception {
    if (!host.isWindows()) {
      throw new IOException("windows collector runs on Windows; this is " + host.osName());
    }
    Duration interval = context.settings().duration(INTERVAL);
    EnergyMeterSource meter;
    try {
      meter = host.openMeter();
    } catch (LinkageError e) {
      throw NativeAccess.failure(PDH, e);
    }
    try {
      BatterySource batteries = host.batteries();
      if (meter.instances().isEmpty() && batteries.read().isEmpty()) {
        throw new IOException(NOTHING_TO_READ);
      }
      WindowsSampler sampler =
          new WindowsSampler(
              meter,
              batteries,
              context.powerReadings(name(), MeterClass.COMPONENT),
              context.clock(),
              context.hostname(),
              context.logger(),
              context.problems());
      sampler.sample(); // the baseline, so the first scrape after one interval has power
      if (sampler.problem().isPresent()) {
        throw new IOException(sampler.problem().get());
      }
      long period = interval.toNanos();
      SamplerThread thread = new SamplerThread("powermon-windows-sampler");
      thread.scheduler().scheduleAtFixedRate(sampler::sample, period, period, TimeUnit.NANOSECONDS);
      return new WindowsCollector(sampler, meter, thread, interval);
    } catch (Exception e) {
      meter.close();
      throw e;
    }
  }
}
