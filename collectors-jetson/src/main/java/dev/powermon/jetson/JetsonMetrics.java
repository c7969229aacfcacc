package dev.powermon.jetson;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns {@link Readings} into families in the seed's pattern: one family per rail, sensor, core and
 * engine ({@code jetson_power_vdd_in_watts}, {@code jetson_temp_cpu_celsius}), labelled {@code
 * device_type} and {@code hostname}, in base units (frequencies in hertz, memory in bytes). Every rail
 * also feeds {@code powermon_power_watts}/{@code powermon_energy_joules_total}, the input rail twice: under
 * its own name and as {@code domain="total"}.
 */
final class JetsonMetrics {
  private static final double MHZ = 1e6;

  private final Labels labels;
  private final String hostname;
  private final Map<String, MetricSnapshot> families = new LinkedHashMap<>();

  private JetsonMetrics(String deviceType, String hostname) {
    this.labels = Labels.of(JetsonSpecs.DEVICE_TYPE, deviceType, JetsonSpecs.HOSTNAME, hostname);
    this.hostname = hostname;
  }

  static MetricSnapshots build(Readings r, String deviceType, String hostname) {
    JetsonMetrics m = new JetsonMetrics(deviceType, hostname);
    m.rails(r);
    r.sample().ifPresent(m::sample);
    r.tegrastats().ifPresent(h -> {
      m.gauge(JetsonSpecs.TEGRASTATS_UP, h.running() ? 1 : 0);
      m.counter(JetsonSpecs.TEGRASTATS_LINES, h.lines());
      m.counter(JetsonSpecs.TEGRASTATS_BAD_LINES, h.badLines());
      m.counter(JetsonSpecs.TEGRASTATS_UNKNOWN_TOKENS, h.unknownTokens());
      m.counter(JetsonSpecs.TEGRASTATS_RESTARTS, h.restarts());
    });
    r.sysfsUp().ifPresent(up -> m.gauge(JetsonSpecs.SYSFS_UP, up ? 1 : 0));
    return new MetricSnapshots(m.families.values());
  }

  private void rails(Readings r) {
    PowerFamilies power = new PowerFamilies("jetson");
    Optional<String> input = MetricNames.inputRail(r.railWatts().keySet());
    for (Map.Entry<String, Double> e : new TreeMap<>(r.railWatts()).entrySet()) {
      String rail = e.getKey();
      double joules = r.railJoules().getOrDefault(rail, 0.0);
      MetricNames.component(rail).ifPresent(
          c -> gauge("jetson_power_" + c + "_watts", JetsonSpecs.railHelp(c), e.getValue()));
      power.power(hostname, rail, e.getValue(), Labels.EMPTY).energy(hostname, rail, joules, Labels.EMPTY);
      if (input.filter(rail::equals).isPresent()) {
        power.power(hostname, PowerFamilies.TOTAL_DOMAIN, e.getValue(), Labels.EMPTY)
            .energy(hostname, PowerFamilies.TOTAL_DOMAIN, joules, Labels.EMPTY);
      }
    }
    power.snapshots().forEach(s -> families.put(s.getMetadata().getName(), s));
  }

  private void sample(TegrastatsSample s) {
    s.ram().ifPresent(m -> memory(m, JetsonSpecs.RAM_USED, JetsonSpecs.RAM_TOTAL, null));
    s.swap().ifPresent(m -> memory(m, JetsonSpecs.SWAP_USED, JetsonSpecs.SWAP_TOTAL, JetsonSpecs.SWAP_CACHED));
    cores(s);
    s.engines().forEach(this::engine);
    new TreeMap<>(s.temperatures()).forEach((sensor, celsius) -> MetricNames.component(sensor).ifPresent(
        c -> gauge("jetson_temp_" + c + "_celsius", "Temperature of the " + c + " sensor, in degrees Celsius.", celsius)));
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
      String core = "jetson_cpu_core" + c.index();
      if (c.online()) {
        online++;
        sum += c.usagePercent().orElse(0);
        c.usagePercent().ifPresent(
            u -> gauge(core + "_usage_percent", "Usage of CPU core " + c.index() + ", in percent.", u));
        c.freqMhz().ifPresent(
            f -> gauge(core + "_freq_hertz", "Clock of CPU core " + c.index() + ", in hertz.", f * MHZ));
      }
    }
    gauge(JetsonSpecs.CPU_ONLINE, online);
    if (online > 0) {
      gauge(JetsonSpecs.CPU_AVG, sum / online);
    }
  }

  private void engine(String name, Engine e) {
    if (name.equals("EMC") || name.equals("GR3D")) {
      boolean emc = name.equals("EMC");
      e.usagePercent().ifPresent(u -> gauge(emc ? JetsonSpecs.EMC_USAGE : JetsonSpecs.GPU_USAGE, u));
      e.freqMhz().ifPresent(f -> gauge(emc ? JetsonSpecs.EMC_FREQ : JetsonSpecs.GPU_FREQ, f * MHZ));
      return;
    }
    MetricNames.component(name).ifPresent(c -> {
      String family = "jetson_engine_" + c;
      gauge(family + "_active", "Whether the " + c + " engine is on (1) or off (0).", e.on() ? 1 : 0);
      e.usagePercent().ifPresent(u -> gauge(family + "_usage_percent", "Usage of the " + c + " engine, in percent.", u));
      e.freqMhz().ifPresent(f -> gauge(family + "_freq_hertz", "Clock of the " + c + " engine, in hertz.", f * MHZ));
    });
  }

  private void gauge(MetricSpec spec, double value) {
    gauge(spec.name(), spec.help(), value);
  }

  /** The first family of a name wins: two device names that sanitize alike must not break the exposition. */
  private void gauge(String name, String help, double value) {
    families.computeIfAbsent(name, n -> GaugeSnapshot.builder().name(n).help(help)
        .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build()).build());
  }

  private void counter(MetricSpec spec, double value) {
    families.computeIfAbsent(spec.name(), n -> CounterSnapshot.builder().name(n).help(spec.help())
        .dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build()).build());
  }
}
