package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.SettingSpec;
import dev.powermon.exporter.meta.MetaMetrics;
import dev.powermon.exporter.meta.ProcessMetrics;
import dev.powermon.exporter.push.PushMetrics;
import dev.powermon.exporter.runtime.Providers;
import dev.powermon.exporter.runtime.CollectorHealth;
import dev.powermon.exporter.window.WindowFamilies;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The README's settings and metrics reference is generated from the providers' own descriptors; this test
 * fails when the README drifts, and {@code -Dreadme.update=true} rewrites it.
 */
class ReadmeReferenceTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String START = "<!-- reference:start -->\n";
  private static final String END = "<!-- reference:end -->";

  @Test
  void readmeReferenceMatchesTheCode() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int from = readme.indexOf(START) + START.length();
    int to = readme.indexOf(END);
    assertThat(from).isGreaterThan(START.length() - 1);
    String expected = reference();
    if (Boolean.getBoolean("readme.update")) {
      Files.writeString(README, readme.substring(0, from) + expected + readme.substring(to), StandardCharsets.UTF_8);
      return;
    }
    assertThat(readme.substring(from, to))
        .as("README reference is stale; run mvn -pl exporter -am verify -Dreadme.update=true")
        .isEqualTo(expected);
  }

  /** Every collector in the JAR; the test collectors of this module are not part of the product. */
  private static List<CollectorProvider> products() {
    List<CollectorProvider> out = new ArrayList<>();
    for (CollectorProvider p : Providers.discover().values()) {
      if (!p.getClass().getPackageName().endsWith(".testcollectors")) {
        out.add(p);
      }
    }
    return out;
  }

  static String reference() {
    StringBuilder md = new StringBuilder();
    md.append("### Collector settings\n\n");
    md.append("| flag | type | default | meaning |\n|---|---|---|---|\n");
    for (CollectorProvider p : products()) {
      for (SettingSpec s : p.settings()) {
        md.append("| `--collector.").append(p.name()).append('.').append(s.name()).append("` | ")
            .append(s.type().label()).append(s.isList() ? " (list)" : "").append(" | ")
            .append(s.defaultValue() == null ? "" : "`" + s.defaultValue() + "`").append(" | ")
            .append(cell(s.help())).append(" |\n");
      }
    }
    md.append("\n### Metrics\n\n");
    md.append("| family | type | labels | from | default | meaning |\n|---|---|---|---|---|---|\n");
    Map<String, Row> rows = new TreeMap<>();
    for (MetricSpec m : MetaMetrics.SPECS) {
      rows.put(m.name(), new Row(m, "core"));
    }
    for (List<MetricSpec> core : List.of(ProcessMetrics.SPECS, PushMetrics.SPECS, WindowFamilies.SPECS,
        CollectorHealth.SPECS, List.of(PowerFamilies.SOURCE_INFO_SPEC))) {
      for (MetricSpec m : core) {
        rows.put(m.name(), new Row(m, "core"));
      }
    }
    for (CollectorProvider p : products()) {
      for (MetricSpec m : p.metrics()) {
        rows.merge(m.name(), new Row(m, p.name(), extras(m, p)),
            (a, b) -> new Row(a.spec(), a.from() + ", " + b.from(), a.extras() + b.extras()));
      }
    }
    for (Row r : rows.values()) {
      MetricSpec m = r.spec();
      md.append("| `").append(m.name()).append("` | ").append(m.type().name().toLowerCase(Locale.ROOT)).append(" | ")
          .append(String.join(", ", m.labelNames())).append(r.extras()).append(" | ").append(r.from()).append(" | ")
          .append(m.enabledByDefault() ? "on" : "off").append(" | ").append(cell(m.help())).append(" |\n");
    }
    return md.toString();
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /** A collector's extra labels on a shared family, as the reference shows them: "; +socket, die (rapl)". */
  private static String extras(MetricSpec m, CollectorProvider p) {
    return m.extraLabelNames().isEmpty() ? "" : "; +" + String.join(", ", m.extraLabelNames()) + " (" + p.name() + ")";
  }

  private record Row(MetricSpec spec, String from, String extras) {
    Row(MetricSpec spec, String from) {
      this(spec, from, "");
    }
  }
}
