package dev.powermon.jetson;

import dev.powermon.api.LabelValues;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.jetson.TegrastatsSample.CpuCore;
import dev.powermon.jetson.TegrastatsSample.Engine;
import dev.powermon.jetson.TegrastatsSample.Memory;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns {@link Readings} into families, in base units (ratios from 0 to 1, hertz, bytes), labelled
 * {@code device_type} and {@code hostname} as the edge exporter did, plus the sensor, core or engine.
 * Every rail feeds {@code powermon_power_watts}/{@code powermon_energy_joules_total}, the input rail twice:
 * under its own name and as {@code domain="total"}. With {@code seedFamilies} the edge exporter's
 * name-per-sensor families are added ({@code jetson_power_vdd_in_watts}, {@code jetson_temp_cpu_celsius}).
 */
final class JetsonMetrics {
  private static final double MHZ = 1e6;
  private static final double PERCENT = 100;

  private final Labels labels;
  private final String hostname;
  private final boolean seedFamilies;
  private final Map<String, Family> families = new LinkedHashMap<>();

  private JetsonMetrics(String deviceType, String hostname, boolean seedFamilies) {
    this.labels = Labels.of(JetsonSpecs.DEVICE_TYPE, deviceType, JetsonSpecs.HOSTNAME, hostname);
    this.hostname = hostname;
    this.seedFamilies = seedFamilies;
  }

  static MetricSnapshots build(Readings r, String deviceType, String hostname, boolean seedFamilies) {
    JetsonMetrics m = new JetsonMetrics(deviceType, hostname, seedFamilies);
    List<MetricSnapshot> out = new ArrayList<>(m.rails(r));
    r.sample().ifPresent(m::sample);
    r.tegrastats().ifPresent(h -> {
      m.gauge(JetsonSpecs.TEGRASTATS_UP, h.up() ? 1 : 0);
      m.counter(JetsonSpecs.TEGRASTATS_LINES, h.lines());
      h.droppedLines().forEach((reason, n) -> m.counter(JetsonSpecs.TEGRASTATS_DROPPED_LINES, n, reason));
      m.counter(JetsonSpecs.TEGRASTATS_UNKNOWN_TOKENS, h.unknownTokens());
      m.counter(JetsonSpecs.TEGRASTATS_RESTARTS, h.restarts());
    });
    r.sysfsUp().ifPresent(up -> m.gauge(JetsonSpecs.SYSFS_UP, up ? 1 : 0));
    r.untracked().forEach((kind, n) -> m.counter(JetsonSpecs.UNTRACKED, n, kind));
    r.parseProblems().forEach((field, n) -> m.family(JetsonSpecs.PARSE_PROBLEMS.name(),
        JetsonSpecs.PARSE_PROBLEMS.help(), true).add(Labels.of("collector", "jetson", "field", field), n));
    m.families.values().forEach(f -> out.add(f.snapshot()));
    return new MetricSnapshots(out);
  }

  private List<MetricSnapshot> rails(Readings r) {
    PowerFamilies power = new PowerFamilies("jetson");
    Optional<String> input = MetricNames.inputRail(r.railWatts().keySet());
    for (Map.Entry<String, Double> e : new TreeMap<>(r.railWatts()).entrySet()) {
      String rail = e.getKey();
      double joules = r.railJoules().getOrDefault(rail, 0.0);
      if (seedFamilies) {
        MetricNames.railFamily(rail).ifPresent(
            name -> seed(name, JetsonSpecs.railHelp(MetricNames.component(rail).orElseThrow()), e.getValue()));
      }
      power.power(hostname, rail, e.getValue(), Labels.EMPTY).energy(hostname, rail, joules, Labels.EMPTY);
      if (input.filter(rail::equals).isPresent()) {
        power.power(hostname, PowerFamilies.TOTAL_DOMAIN, e.getValue(), Labels.EMPTY)
            .energy(hostname, PowerFamilies.TOTAL_DOMAIN, joules, Labels.EMPTY);
      }
    }
    return power.snapshots();
  }

  private void sample(TegrastatsSample s) {
    s.ram().ifPresent(m -> memory(m, JetsonSpecs.RAM_USED, JetsonSpecs.RAM_TOTAL, null));
    s.swap().ifPresent(m -> memory(m, JetsonSpecs.SWAP_USED, JetsonSpecs.SWAP_TOTAL, JetsonSpecs.SWAP_CACHED));
    cores(s);
    new TreeMap<>(s.engines()).forEach(this::engine);
    new TreeMap<>(s.temperatures()).forEach((sensor, celsius) -> {
      // JetPack 5 prints CPU@, JetPack 6 cpu@: one label value for both, so queries outlive an upgrade
      gauge(JetsonSpecs.TEMPERATURE, celsius, sensor.toLowerCase(Locale.ROOT));
      if (seedFamilies) {
        MetricNames.component(sensor).ifPresent(c -> seed("jetson_temp_" + c + "_celsius",
            JetsonSpecs.seedHelp("Temperature of the " + c + " sensor, in degrees Celsius."), celsius));
      }
    });
  }

  private void memory(Memory m, MetricSpec used, MetricSpec total, MetricSpec cached) {
    gauge(used, m.usedBytes());
    gauge(total, m.totalBytes());
    if (cached != null) {
      m.cachedBytes().ifPresent(b -> gauge(cached, b));
    }
  }

  private void cores(TegrastatsSample s) {
    if (s.cores().isEmpty()) {
      return;
    }
    double sum = 0;
    int online = 0;
    for (CpuCore c : s.cores()) {
      if (!c.online()) {
        continue; // offline: no invented zero
      }
      online++;
      sum += c.usagePercent().orElse(0);
      String cpu = Integer.toString(c.index());
      c.usagePercent().ifPresent(u -> gauge(JetsonSpecs.CPU_USAGE, u / PERCENT, cpu));
      c.freqMhz().ifPresent(f -> gauge(JetsonSpecs.CPU_FREQUENCY, f * MHZ, cpu));
      if (seedFamilies) {
        String core = "jetson_cpu_core" + c.index();
        c.usagePercent().ifPresent(
            u -> seed(core + "_usage_percent", JetsonSpecs.seedHelp("Usage of CPU core " + c.index() + ", in percent."), u));
        c.freqMhz().ifPresent(
            f -> seed(core + "_freq_hertz", JetsonSpecs.seedHelp("Clock of CPU core " + c.index() + ", in hertz."),
                f * MHZ));
      }
    }
    gauge(JetsonSpecs.CPU_ONLINE, online);
    if (seedFamilies && online > 0) {
      gauge(JetsonSpecs.CPU_AVG, sum / online);
    }
  }

  private void engine(String name, Engine e) {
    String engine = LabelValues.fromDevice(name);
    gauge(JetsonSpecs.ENGINE_ACTIVE, e.on() ? 1 : 0, engine);
    e.usagePercent().ifPresent(u -> gauge(JetsonSpecs.ENGINE_USAGE, u / PERCENT, engine));
    e.freqMhz().ifPresent(f -> gauge(JetsonSpecs.ENGINE_FREQUENCY, f * MHZ, engine));
    if (seedFamilies) {
      seedEngine(name, e);
    }
  }

  /** The seed's names: GR3D and EMC have fixed families, other engines one family per name. */
  private void seedEngine(String name, Engine e) {
    if (name.equals("EMC") || name.equals("GR3D")) {
      boolean emc = name.equals("EMC");
      e.usagePercent().ifPresent(u -> gauge(emc ? JetsonSpecs.EMC_USAGE : JetsonSpecs.GPU_USAGE, u));
      e.freqMhz().ifPresent(f -> gauge(emc ? JetsonSpecs.EMC_FREQ : JetsonSpecs.GPU_FREQ, f * MHZ));
      return;
    }
    MetricNames.component(name).ifPresent(c -> {
      String family = "jetson_engine_" + c;
      seed(family + "_active", JetsonSpecs.seedHelp("Whether the " + c + " engine is on (1) or off (0)."),
          e.on() ? 1 : 0);
      e.usagePercent().ifPresent(u -> seed(family + "_usage_percent",
          JetsonSpecs.seedHelp("Usage of the " + c + " engine, in percent."), u));
      e.freqMhz().ifPresent(f -> seed(family + "_freq_hertz",
          JetsonSpecs.seedHelp("Clock of the " + c + " engine, in hertz."), f * MHZ));
    });
  }

  /** A declared family, with its extra label's value when it has one. */
  private void gauge(MetricSpec spec, double value, String... extraValue) {
    family(spec.name(), spec.help(), false).add(withExtra(spec, extraValue), value);
  }

  private void counter(MetricSpec spec, double value, String... extraValue) {
    family(spec.name(), spec.help(), true).add(withExtra(spec, extraValue), value);
  }

  /** A seed family named at run time; the first family of a name wins when two names sanitize alike. */
  private void seed(String name, String help, double value) {
    family(name, help, false).add(labels, value);
  }

  private Labels withExtra(MetricSpec spec, String... extraValue) {
    List<String> names = spec.labelNames();
    return extraValue.length == 0 ? labels : labels.add(names.get(names.size() - 1), extraValue[0]);
  }

  private Family family(String name, String help, boolean counter) {
    return families.computeIfAbsent(name, n -> new Family(n, help, counter));
  }

  /** One family's points; a label set seen twice keeps its first value, as two names can label alike. */
  private static final class Family {
    private final String name;
    private final String help;
    private final boolean counter;
    private final Set<Labels> seen = new HashSet<>();
    private final List<GaugeDataPointSnapshot> gauges = new ArrayList<>();
    private final List<CounterDataPointSnapshot> counters = new ArrayList<>();

    Family(String name, String help, boolean counter) {
      this.name = name;
      this.help = help;
      this.counter = counter;
    }

    void add(Labels labels, double value) {
      if (!seen.add(labels)) {
        return;
      }
      if (counter) {
        counters.add(CounterDataPointSnapshot.builder().labels(labels).value(value).build());
      } else {
        gauges.add(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
      }
    }

    MetricSnapshot snapshot() {
      if (counter) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        counters.forEach(b::dataPoint);
        return b.build();
      }
      GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
      gauges.forEach(b::dataPoint);
      return b.build();
    }
  }
}
