package dev.powermon.exporter;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.SettingSpec;
import dev.powermon.exporter.meta.MetaMetrics;
import dev.powermon.exporter.meta.ProcessMetrics;
import dev.powermon.exporter.push.PushMetrics;
import dev.powermon.exporter.runtime.CollectorHealth;
import dev.powermon.exporter.runtime.Providers;
import dev.powermon.exporter.web.ProbeFamilies;
import dev.powermon.exporter.window.WindowFamilies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The Markdown tables the docs carry, rendered from the providers' and the core's own descriptors. */
final class ReferenceTables {
  private ReferenceTables() {}

  /** Every collector in the JAR; the test collectors of this module are not part of the product. */
  static List<CollectorProvider> products() {
    List<CollectorProvider> out = new ArrayList<>();
    for (CollectorProvider p : Providers.discover().values()) {
      if (!p.getClass().getPackageName().endsWith(".testcollectors")) {
        out.add(p);
      }
    }
    return out;
  }

  /** The families the core itself emits, whatever collectors run. */
  static List<MetricSpec> coreSpecs() {
    List<MetricSpec> out = new ArrayList<>();
    for (List<MetricSpec> core :
        List.of(MetaMetrics.SPECS, ProcessMetrics.SPECS, PushMetrics.SPECS, WindowFamilies.SPECS,
            CollectorHealth.SPECS, List.of(PowerFamilies.SOURCE_INFO_SPEC), ProbeFamilies.SPECS)) {
      out.addAll(core);
    }
    return out;
  }

  /** The settings of the given collectors, as flags, in declaration order. */
  static String settings(List<CollectorProvider> providers) {
    StringBuilder md = new StringBuilder("| flag | type | default | meaning |\n|---|---|---|---|\n");
    int rows = 0;
    for (CollectorProvider p : providers) {
      for (SettingSpec s : p.settings()) {
        md.append("| `--collector.").append(p.name()).append('.').append(s.name()).append("` | ")
            .append(s.type().label()).append(s.isList() ? " (list)" : "").append(" | ")
            .append(s.defaultValue() == null ? "" : "`" + s.defaultValue() + "`").append(" | ")
            .append(cell(s.help())).append(range(s)).append(" |\n");
        rows++;
      }
    }
    return rows == 0 ? "None.\n" : md.toString();
  }

  /** One collector's families, in declaration order. */
  static String metrics(CollectorProvider provider) {
    StringBuilder md =
        new StringBuilder("| family | type | labels | default | meaning |\n|---|---|---|---|---|\n");
    for (MetricSpec m : provider.metrics()) {
      md.append("| `").append(m.name()).append("` | ").append(type(m)).append(" | ")
          .append(labels(m)).append(" | ").append(onOff(m)).append(" | ")
          .append(cell(m.help())).append(" |\n");
    }
    return md.toString();
  }

  /** Every family, the core's and every collector's, by name, with who emits it. */
  static String allMetrics() {
    Map<String, Row> rows = new TreeMap<>();
    for (MetricSpec m : coreSpecs()) {
      rows.put(m.name(), new Row(m, "core", ""));
    }
    for (CollectorProvider p : products()) {
      String from = "[" + p.name() + "](collectors/" + p.name() + ".md)";
      for (MetricSpec m : p.metrics()) {
        String extras = m.extraLabelNames().isEmpty()
            ? "" : "; +" + String.join(", ", m.extraLabelNames()) + " (" + p.name() + ")";
        rows.merge(m.name(), new Row(m, from, extras),
            (a, b) -> new Row(a.spec(), a.from() + ", " + b.from(), a.extras() + b.extras()));
      }
    }
    StringBuilder md = new StringBuilder(
        "| family | type | labels | from | default | meaning |\n|---|---|---|---|---|---|\n");
    for (Row r : rows.values()) {
      MetricSpec m = r.spec();
      md.append("| `").append(m.name()).append("` | ").append(type(m)).append(" | ")
          .append(String.join(", ", m.labelNames())).append(r.extras()).append(" | ").append(r.from()).append(" | ")
          .append(onOff(m)).append(" | ").append(cell(m.help())).append(" |\n");
    }
    return md.toString();
  }

  /** The labels, a collector's extra labels on a shared family marked as such: "source, device, domain; +socket". */
  private static String labels(MetricSpec m) {
    String base = String.join(", ", m.labelNames());
    return m.extraLabelNames().isEmpty() ? base : base + "; +" + String.join(", ", m.extraLabelNames());
  }

  /** A setting's allowed range, as declared: " At least 10ms." */
  private static String range(SettingSpec s) {
    return (s.min() == null ? "" : " At least " + s.min() + ".") + (s.max() == null ? "" : " At most " + s.max() + ".");
  }

  private static String type(MetricSpec m) {
    return m.type().name().toLowerCase(Locale.ROOT);
  }

  private static String onOff(MetricSpec m) {
    return m.enabledByDefault() ? "on" : "off";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** @param extras the extra labels collectors add, as "; +socket, die (rapl)" */
  private record Row(MetricSpec spec, String from, String extras) {}
}
