package dev.powermon.jetson;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.api.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** NVIDIA Jetson: INA rails from sysfs, everything else from tegrastats. */
public final class JetsonProvider implements CollectorProvider {
  static final SettingSpec SYSFS =
      SettingSpec.builder("sysfs", SettingType.PATH)
          .defaultValue("/sys")
          .help(
              "Root of sysfs, where the INA3221/INA238 monitors are found under bus/i2c/devices; the board model is"
                  + " read from proc/device-tree/model next to it.")
          .build();
  static final SettingSpec TEGRASTATS =
      SettingSpec.builder("tegrastats", SettingType.PATH)
          .defaultValue("/usr/bin/tegrastats")
          .help(
              "The tegrastats executable, run as '<path> --interval <ms>' for temperatures, usage and engines.")
          .build();
  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION)
          .defaultValue("1s")
          .min("10ms")
          .help("How often the rails are sampled and tegrastats prints a line.")
          .build();
  static final SettingSpec DEVICE_TYPE =
      SettingSpec.builder("device-type", SettingType.STRING)
          .help(
              "The device_type label; by default the device-tree model (\"NVIDIA Jetson AGX Orin Developer Kit\").")
          .build();
  static final SettingSpec SEED_FAMILIES =
      SettingSpec.builder("seed-families", SettingType.BOOLEAN)
          .defaultValue("false")
          .help(
              "Also export the edge exporter's name-per-sensor families (jetson_temp_cpu_celsius,"
                  + " jetson_power_vdd_in_watts, jetson_cpu_core0_usage_percent...) for dashboards built on them; the"
                  + " labelled families carry the same readings.")
          .build();
  private static final List<MetricSpec> METRICS = JetsonFamilies.all();

  @Override
  public String name() {
    return "jetson";
  }

  @Override
  public String description() {
    return "NVIDIA Jetson: power rails from the INA monitors, temperatures, usage and engines from tegrastats.";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(SYSFS, TEGRASTATS, INTERVAL, DEVICE_TYPE, SEED_FAMILIES);
  }

  @Override
  public List<MetricSpec> metrics() {
    return METRICS;
  }

  @Override
  public boolean measuresHostPower() {
    return true;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    try {
      Settings s = context.settings();
      Path sysfs = s.path(SYSFS);
      Path tegrastats = s.path(TEGRASTATS);
      String model = DeviceModel.read(sysfs);
      List<RailChannel> rails = InaDiscovery.discover(sysfs);
      boolean runnable = Files.isExecutable(tegrastats);
      if (runnable || !rails.isEmpty()) {
        return ProbeResult.available(
            model
                + "; "
                + railsFound(rails)
                + "; tegrastats "
                + (runnable ? "at " + tegrastats : "not found at " + tegrastats));
      }
      return ProbeResult.unavailable(notFound(model, sysfs, tegrastats));
    } catch (RuntimeException e) {
      return ProbeResult.unavailable("cannot look for a Jetson: " + e.getMessage());
    }
  }

  @Override
  public Collector open(CollectorContext context) throws Exception {
    Settings s = context.settings();
    Path sysfs = s.path(SYSFS);
    Path tegrastats = s.path(TEGRASTATS);
    Duration interval = s.duration(INTERVAL);
    List<RailChannel> rails = InaDiscovery.discover(sysfs);
    boolean runnable = Files.isExecutable(tegrastats);
    String model = DeviceModel.read(sysfs);
    if (rails.isEmpty() && !runnable) {
      throw new IllegalStateException(notFound(model, sysfs, tegrastats));
    }
    String deviceType = s.isSet(DEVICE_TYPE) ? s.string(DEVICE_TYPE) : model;
    TegrastatsSource source =
        runnable ? new TegrastatsProcess(tegrastats, interval, context.logger()) : null;
    return JetsonCollector.start(
        context,
        new SysfsRails(rails),
        source,
        new JetsonCollector.Options(tegrastats, interval, deviceType, s.bool(SEED_FAMILIES)));
  }

  private static String railsFound(List<RailChannel> rails) {
    if (rails.isEmpty()) {
      return "no INA monitors (rails from tegrastats)";
    }
    Optional<String> input =
        MetricNames.inputRail(rails.stream().map(RailChannel::name).collect(Collectors.toList()));
    return rails.size()
        + " INA rails ("
        + rails.stream().map(RailChannel::name).collect(Collectors.joining(", "))
        + ")"
        + input.map(r -> ", total " + r).orElse(", no input rail");
  }

  private static String notFound(String model, Path sysfs, Path tegrastats) {
    String where =
        "no executable tegrastats at "
            + tegrastats
            + " and no INA3221/INA238 monitors under "
            + sysfs.resolve("bus/i2c/devices");
    if (DeviceModel.isJetson(model)) {
      return model
          + ", but "
          + where
          + "; install nvidia-l4t-tools or set --collector.jetson.tegrastats";
    }
    return "not a Jetson: "
        + where
        + ", and "
        + DeviceModel.modelFile(sysfs)
        + " names no NVIDIA Jetson"
        + " (point --collector.jetson.tegrastats and --collector.jetson.sysfs elsewhere to run off-board)";
  }
}
