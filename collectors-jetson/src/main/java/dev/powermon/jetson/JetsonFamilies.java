package dev.powermon.jetson;

import dev.powermon.api.Families;
import dev.powermon.api.LabelValues;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.jetson.TegrastatsSample.CpuCore;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * The families the collector emits. Things a board has several of (sensors, cores, engines, rails)
 * are labels of fixed families, on by default, so one dashboard fits every board. The edge
 * exporter's name-per-sensor families ({@code jetson_temp_cpu_celsius}) are a compatibility set,
 * emitted only with the {@code seed-families} setting; the fixed ones among them are declared here
 * as {@link #SEED}, the rest are named at run time by {@link MetricNames}.
 */
final class JetsonFamilies {
  static final String DEVICE_TYPE = "device_type";
  static final String HOSTNAME = "hostname";
  static final String SENSOR = "sensor";
  static final String CPU = "cpu";
  static final String ENGINE = "engine";
  static final double MHZ = 1e6;
  private static final double PERCENT = 100;

  static final MetricSpec TEMPERATURE =
      gauge(
          "jetson_temperature_celsius",
          "Temperature of each online sensor, in degrees Celsius.",
          SENSOR);
  static final MetricSpec CPU_USAGE =
      gauge("jetson_cpu_usage_ratio", "Usage of each online CPU core, from 0 to 1.", CPU);
  static final MetricSpec CPU_FREQUENCY =
      gauge("jetson_cpu_frequency_hertz", "Clock of each online CPU core, in hertz.", CPU);
  static final MetricSpec CPU_ONLINE =
      gauge("jetson_cpu_online_cores", "CPU cores online (not printed as off).");
  static final MetricSpec ENGINE_ACTIVE =
      gauge(
          "jetson_engine_active",
          "Whether each engine (GR3D is the GPU, EMC the memory controller, NVENC, VIC…) is on (1) or off (0).",
          ENGINE);
  static final MetricSpec ENGINE_USAGE =
      gauge(
          "jetson_engine_usage_ratio",
          "Usage of each engine that prints one, from 0 to 1; GR3D is the GPU.",
          ENGINE);
  static final MetricSpec ENGINE_FREQUENCY =
      gauge(
          "jetson_engine_frequency_hertz",
          "Clock of each engine that prints one, in hertz; the GPU's is its fastest GPC's.",
          ENGINE);
  static final MetricSpec RAM_USED = gauge("jetson_ram_used_bytes", "RAM in use, in bytes.");
  static final MetricSpec RAM_TOTAL = gauge("jetson_ram_total_bytes", "RAM installed, in bytes.");
  static final MetricSpec SWAP_USED = gauge("jetson_swap_used_bytes", "Swap in use, in bytes.");
  static final MetricSpec SWAP_TOTAL =
      gauge("jetson_swap_total_bytes", "Swap configured, in bytes.");
  static final MetricSpec SWAP_CACHED =
      gauge("jetson_swap_cached_bytes", "Swap cached in RAM, in bytes.");
  static final MetricSpec TEGRASTATS_UP =
      gauge(
          "jetson_tegrastats_up",
          "Whether tegrastats is running and printed a good line within the last three intervals.");
  static final MetricSpec TEGRASTATS_LINES =
      counter("jetson_tegrastats_lines_total", "Lines tegrastats printed, dropped ones included.");
  static final MetricSpec TEGRASTATS_DROPPED_LINES =
      counter(
          "jetson_tegrastats_dropped_lines_total",
          "Lines not used, by reason: rate (beyond two per interval), too_long, cut_short (the process died),"
              + " unparsable (neither RAM nor CPU).",
          "reason");
  static final MetricSpec TEGRASTATS_UNKNOWN_TOKENS =
      counter(
          "jetson_tegrastats_unknown_tokens_total",
          "Tokens of tegrastats lines that matched no known form.");
  static final MetricSpec TEGRASTATS_RESTARTS =
      counter(
          "jetson_tegrastats_restarts_total",
          "Times tegrastats was started again after it exited.");
  static final MetricSpec SYSFS_UP =
      gauge(
          "jetson_sysfs_up", "Whether any INA power monitor in sysfs was read on the last sample.");
  static final MetricSpec UNTRACKED =
      counter(
          "jetson_untracked_readings_total",
          "Readings dropped because their sensor, rail, engine or cpu name is beyond the "
              + NameLimits.PER_KIND
              + " distinct names tracked per kind.",
          "kind");

  /** The seed's fixed families: compatibility, emitted only with {@code seed-families: true}. */
  static final MetricSpec CPU_AVG =
      seed(
          "jetson_cpu_avg_usage_percent",
          seedHelp("Mean usage of the online CPU cores, in percent."));

  static final MetricSpec GPU_USAGE =
      seed("jetson_gpu_usage_percent", seedHelp("GPU (GR3D) usage, in percent."));
  static final MetricSpec GPU_FREQ =
      seed("jetson_gpu_freq_hertz", seedHelp("GPU (GR3D) clock, the highest GPC's, in hertz."));
  static final MetricSpec EMC_USAGE =
      seed("jetson_emc_usage_percent", seedHelp("Memory controller (EMC) usage, in percent."));
  static final MetricSpec EMC_FREQ =
      seed("jetson_emc_freq_hertz", seedHelp("Memory controller (EMC) clock, in hertz."));
  static final List<MetricSpec> SEED = seedFamilies();
  private static final List<MetricSpec> DECLARED = declared();

  private JetsonFamilies() {}

  /**
   * Every declared family: the unified power families (built by the core from the readings), the
   * labelled ones and the seed's fixed ones.
   */
  static List<MetricSpec> all() {
    return DECLARED;
  }

  private static List<MetricSpec> declared() {
    List<MetricSpec> out = new ArrayList<>(PowerFamilies.SPECS);
    out.addAll(
        List.of(
            TEMPERATURE,
            CPU_USAGE,
            CPU_FREQUENCY,
            CPU_ONLINE,
            ENGINE_ACTIVE,
            ENGINE_USAGE,
            ENGINE_FREQUENCY,
            RAM_USED,
            RAM_TOTAL,
            SWAP_USED,
            SWAP_TOTAL,
            SWAP_CACHED,
            TEGRASTATS_UP,
            TEGRASTATS_LINES,
            TEGRASTATS_DROPPED_LINES,
            TEGRASTATS_UNKNOWN_TOKENS,
            TEGRASTATS_RESTARTS,
            SYSFS_UP,
            UNTRACKED));
    out.addAll(SEED);
    return List.copyOf(out);
  }

  /**
   * The scrape's families from {@code r}: labels for what a board has several of, base units
   * (ratios from 0 to 1, hertz, bytes), {@code device_type} and {@code hostname} on every series as
   * the edge exporter had them, and the seed families when {@code seedFamilies}.
   */
  static MetricSnapshots build(
      Readings r, String deviceType, String hostname, boolean seedFamilies) {
    Labels labels = Labels.of(DEVICE_TYPE, deviceType, HOSTNAME, hostname);
    SeedFamilies seed = seedFamilies ? new SeedFamilies(labels) : null;
    Emitter out = new Emitter(labels);
    r.sample()
        .ifPresent(
            s -> {
              s.ram()
                  .ifPresent(
                      m -> {
                        out.gauge(RAM_USED, m.usedBytes());
                        out.gauge(RAM_TOTAL, m.totalBytes());
                      });
              s.swap()
                  .ifPresent(
                      m -> {
                        out.gauge(SWAP_USED, m.usedBytes());
                        out.gauge(SWAP_TOTAL, m.totalBytes());
                        m.cachedBytes().ifPresent(b -> out.gauge(SWAP_CACHED, b));
                      });
              cores(s, out);
              new TreeMap<>(s.engines())
                  .forEach(
                      (name, e) -> {
                        out.gauge(ENGINE_ACTIVE, e.on() ? 1 : 0, name);
                        e.usagePercent().ifPresent(u -> out.gauge(ENGINE_USAGE, u / PERCENT, name));
                        e.freqMhz().ifPresent(f -> out.gauge(ENGINE_FREQUENCY, f * MHZ, name));
                      });
              // JetPack 5 prints CPU@, JetPack 6 cpu@: one label value for both, so queries outlive
              // an upgrade
              new TreeMap<>(s.temperatures())
                  .forEach(
                      (sensor, c) -> out.gauge(TEMPERATURE, c, sensor.toLowerCase(Locale.ROOT)));
              if (seed != null) {
                seed.sample(s);
              }
            });
    r.tegrastats()
        .ifPresent(
            h -> {
              out.gauge(TEGRASTATS_UP, h.up() ? 1 : 0);
              out.counter(TEGRASTATS_LINES, h.lines());
              h.droppedLines()
                  .forEach((reason, n) -> out.counter(TEGRASTATS_DROPPED_LINES, n, reason));
              out.counter(TEGRASTATS_UNKNOWN_TOKENS, h.unknownTokens());
              out.counter(TEGRASTATS_RESTARTS, h.restarts());
            });
    r.sysfsUp().ifPresent(up -> out.gauge(SYSFS_UP, up ? 1 : 0));
    r.untracked().forEach((kind, n) -> out.counter(UNTRACKED, n, kind));
    List<MetricSnapshot> all = new ArrayList<>(out.families.list());
    if (seed != null) {
      seed.rails(r.railWatts());
      all.addAll(seed.list());
    }
    return new MetricSnapshots(all);
  }

  private static void cores(TegrastatsSample s, Emitter out) {
    if (s.cores().isEmpty()) {
      return;
    }
    int online = 0;
    for (CpuCore c : s.cores()) {
      if (!c.online()) {
        continue; // offline: no invented zero
      }
      online++;
      String cpu = Integer.toString(c.index());
      c.usagePercent().ifPresent(u -> out.gauge(CPU_USAGE, u / PERCENT, cpu));
      c.freqMhz().ifPresent(f -> out.gauge(CPU_FREQUENCY, f * MHZ, cpu));
    }
    out.gauge(CPU_ONLINE, online);
  }

  /**
   * Adds the base labels, and the family's own label when it has one; a label set seen twice keeps
   * its first value.
   */
  private static final class Emitter {
    private final Families families = new Families(all());
    private final Labels labels;
    private final Set<String> seen = new HashSet<>();

    Emitter(Labels labels) {
      this.labels = labels;
    }

    void gauge(MetricSpec spec, double value, String... own) {
      Labels l = with(spec, own);
      if (seen.add(spec.name() + l)) {
        families.gauge(spec, l, value);
      }
    }

    void counter(MetricSpec spec, double value, String... own) {
      Labels l = with(spec, own);
      if (seen.add(spec.name() + l)) {
        families.counter(spec, l, value);
      }
    }

    private Labels with(MetricSpec spec, String... own) {
      List<String> names = spec.labelNames();
      return own.length == 0
          ? labels
          : labels.add(names.get(names.size() - 1), LabelValues.fromDevice(own[0]));
    }
  }

  /**
   * One HELP text per rail family, the same whether declared or discovered; {@code component} is
   * already safe.
   */
  static String railHelp(String component) {
    return seedHelp("Power of the " + component.toUpperCase(Locale.ROOT) + " rail, in watts.");
  }

  /**
   * Every seed family's help ends saying how to get it, so the reference tells them from the rest.
   */
  static String seedHelp(String help) {
    return help + " Only with seed-families: true.";
  }

  private static List<MetricSpec> seedFamilies() {
    List<MetricSpec> out = new ArrayList<>();
    for (String rail : MetricNames.INPUT_RAILS) {
      out.add(
          seed(
              MetricNames.railFamily(rail).orElseThrow(),
              railHelp(MetricNames.component(rail).orElseThrow())));
    }
    out.addAll(List.of(CPU_AVG, GPU_USAGE, GPU_FREQ, EMC_USAGE, EMC_FREQ));
    return List.copyOf(out);
  }

  private static MetricSpec gauge(String name, String help, String... extra) {
    return MetricSpec.gauge(name).help(help).labelNames(labels(extra)).build();
  }

  private static MetricSpec counter(String name, String help, String... extra) {
    return MetricSpec.counter(name).help(help).labelNames(labels(extra)).build();
  }

  private static MetricSpec seed(String name, String help) {
    return MetricSpec.gauge(name).help(help).labelNames(DEVICE_TYPE, HOSTNAME).build();
  }

  private static String[] labels(String... extra) {
    String[] all = new String[2 + extra.length];
    all[0] = DEVICE_TYPE;
    all[1] = HOSTNAME;
    System.arraycopy(extra, 0, all, 2, extra.length);
    return all;
  }
}
