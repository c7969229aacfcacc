package dev.powermon.exporter.web;

import dev.powermon.api.ExposedNames;
import dev.powermon.api.MeterClass;
import dev.powermon.api.PowerFamilies;
import dev.powermon.exporter.meta.BuildInfo;
import dev.powermon.exporter.runtime.CollectionResult;
import dev.powermon.exporter.runtime.CollectorRunner;
import dev.powermon.exporter.runtime.Orchestrator;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link Status} from the last collection (collecting again when it is older than {@link
 * #FRESH}), the runners' states and the core's power windows. Devices come from what multi-device
 * collectors already emit: {@code *_device_info} (alias, model, address), {@code *_scrape_success}
 * (state) and their summary lines (the error).
 */
final class StatusReader {
  /** A page refreshing every few seconds collects at most this often, however many are open. */
  static final Duration FRESH = Duration.ofSeconds(2);

  private final BuildInfo build;
  private final Orchestrator orchestrator;

  StatusReader(BuildInfo build, Orchestrator orchestrator) {
    this.build = build;
    this.orchestrator = orchestrator;
  }

  Status read() {
    synchronized (this) {
      if (orchestrator.lastResults().isEmpty()
          || System.nanoTime() - orchestrator.lastCollectionNanos() > FRESH.toNanos()) {
        orchestrator.collectForPush(); // reading never changes a window: a scrape sees the same
      }
    }
    Map<String, CollectionResult> results = new HashMap<>();
    orchestrator.lastResults().forEach(r -> results.put(r.collector(), r));
    Map<String, String> aliases = new HashMap<>();
    List<Status.CollectorState> collectors = new ArrayList<>();
    for (CollectorRunner runner : orchestrator.runners()) {
      CollectionResult result = results.get(runner.name());
      List<Status.Device> devices =
          result == null || !result.success()
              ? List.of()
              : devices(result, runner.summary(), aliases);
      Instant success = runner.lastSuccess();
      collectors.add(
          new Status.CollectorState(
              runner.name(),
              runner.lastError() == null,
              success == null
                  ? null
                  : Math.max(0, Duration.between(success, Instant.now()).toSeconds()),
              runner.lastError(),
              devices));
    }
    List<Status.PowerRow> power = power(orchestrator.lastResults(), aliases);
    return new Status(
        build.version(),
        build.revision(),
        ManagementFactory.getRuntimeMXBean().getUptime() / 1000,
        total(power),
        collectors,
        power);
  }

  private static List<Status.Device> devices(
      CollectionResult result, List<String> summary, Map<String, String> aliases) {
    Map<String, Labels> info = new LinkedHashMap<>();
    Map<String, Boolean> ok = new LinkedHashMap<>();
    Map<String, Double> watts = new HashMap<>();
    for (MetricSnapshot family : result.snapshots()) {
      String name = ExposedNames.of(family);
      for (DataPointSnapshot p : family.getDataPoints()) {
        Labels labels = p.getLabels();
        if (name.endsWith("_device_info") && labels.size() > 0) {
          info.put(deviceKey(labels), labels);
        } else if (name.endsWith("_scrape_success")
            && labels.size() > 0
            && p instanceof GaugeDataPointSnapshot g) {
          ok.put(deviceKey(labels), g.getValue() == 1);
        } else if (name.equals(PowerFamilies.POWER)
            && p instanceof GaugeDataPointSnapshot g
            && PowerFamilies.TOTAL_DOMAIN.equals(labels.get("domain"))) {
          watts.put(labels.get("device"), g.getValue());
        }
      }
    }
    List<Status.Device> devices = new ArrayList<>();
    ok.forEach(
        (id, up) -> {
          Labels l = info.getOrDefault(id, Labels.EMPTY);
          String alias = orEmpty(l.get("alias"));
          if (!alias.isEmpty()) {
            aliases.put(id, alias);
          }
          String address = l.get("ip") != null ? l.get("ip") : orEmpty(l.get("address"));
          devices.add(
              new Status.Device(
                  id,
                  alias,
                  orEmpty(l.get("model")),
                  address.isEmpty() ? id : address,
                  up,
                  watts.get(id),
                  up ? null : errorOf(id, summary)));
        });
    return devices;
  }

  /**
   * The label that names the device: {@code device_id}, {@code target} or {@code device}, else the
   * only one.
   */
  private static String deviceKey(Labels labels) {
    for (String name : List.of("device_id", "target", "device")) {
      if (labels.get(name) != null) {
        return labels.get(name);
      }
    }
    return labels.getValue(0);
  }

  /**
   * The error a summary line gives for {@code id} ("... failed: why" or "... unreachable: why").
   */
  private static String errorOf(String id, List<String> summary) {
    for (String line : summary) {
      if (line.contains(id)) {
        for (String marker : List.of("failed: ", "unreachable: ")) {
          int at = line.indexOf(marker);
          if (at >= 0) {
            return line.substring(at + marker.length());
          }
        }
      }
    }
    return "no answer on the last poll";
  }

  private List<Status.PowerRow> power(List<CollectionResult> results, Map<String, String> aliases) {
    Map<Labels, double[]> traces = orchestrator.windows().traces();
    List<GaugeDataPointSnapshot> points = new ArrayList<>();
    for (CollectionResult r : results) {
      if (!r.success()) {
        continue;
      }
      for (MetricSnapshot family : r.snapshots()) {
        if (ExposedNames.of(family).equals(PowerFamilies.POWER)
            && family instanceof GaugeSnapshot g) {
          points.addAll(g.getDataPoints());
        }
      }
    }
    points.sort(
        Comparator.<GaugeDataPointSnapshot, String>comparing(
                p -> orEmpty(p.getLabels().get("source")))
            .thenComparing(p -> orEmpty(p.getLabels().get("device")))
            .thenComparing(p -> !PowerFamilies.TOTAL_DOMAIN.equals(p.getLabels().get("domain")))
            .thenComparing(p -> p.getLabels().toString()));
    List<Status.PowerRow> rows = new ArrayList<>();
    String lastTotal = null;
    for (GaugeDataPointSnapshot p : points) {
      Labels l = p.getLabels();
      String key = l.get("source") + "\u0000" + l.get("device");
      boolean total = PowerFamilies.TOTAL_DOMAIN.equals(l.get("domain"));
      if (total) {
        lastTotal = key;
      }
      String domain = orEmpty(l.get("domain"));
      for (io.prometheus.metrics.model.snapshots.Label extra : l) {
        if (!List.of("source", "device", "domain").contains(extra.getName())
            && !extra.getValue().isEmpty()) {
          domain += " " + extra.getName() + " " + extra.getValue(); // socket 0, die 1
        }
      }
      String device = orEmpty(l.get("device"));
      rows.add(
          new Status.PowerRow(
              orEmpty(l.get("source")),
              aliases.getOrDefault(device, device),
              domain,
              p.getValue(),
              !total && key.equals(lastTotal),
              trace(traces.get(l))));
    }
    return rows;
  }

  private Status.Total total(List<Status.PowerRow> power) {
    Map<String, MeterClass> classes = orchestrator.windows().meterClasses();
    for (MeterClass wanted : List.of(MeterClass.WALL, MeterClass.COMPONENT, MeterClass.ESTIMATE)) {
      double sum = 0;
      List<String> sources = new ArrayList<>();
      for (Status.PowerRow row : power) {
        if (!row.sub()
            && row.domain().equals(PowerFamilies.TOTAL_DOMAIN)
            && classes.get(row.source()) == wanted) {
          sum += row.watts();
          if (!sources.contains(row.source())) {
            sources.add(row.source());
          }
        }
      }
      if (!sources.isEmpty()) {
        String basis =
            switch (wanted) {
              case WALL -> "at the wall (" + String.join(", ", sources) + ")";
              case COMPONENT ->
                  "the host's measured components (" + String.join(", ", sources) + ")";
              case ESTIMATE -> "estimated from load (" + String.join(", ", sources) + ")";
            };
        return new Status.Total(
            sum, wanted == MeterClass.ESTIMATE ? "estimated" : "measured", basis);
      }
    }
    return null;
  }

  private static List<Double> trace(double[] values) {
    if (values == null) {
      return List.of();
    }
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(Double.isFinite(v) ? v : null);
    }
    return out;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
