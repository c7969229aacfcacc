package dev.powermon.exporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricTableWriterTest {

  private static Map<String, Boolean> table(Object... pairs) {
    Map<String, Boolean> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Boolean) pairs[i + 1]);
    }
    return m;
  }

  @Test
  void flipsValuesInPlaceKeepingCommentsAndAppendsNewFamilies() throws Exception {
    List<String> before =
        List.of(
            "# powermon config",
            "metrics:",
            "    # the operator wants this one",
            "    powermon_power_watts: true   # keep me",
            "    jetson_temp_cpu_celsius: false",
            "",
            "collectors:",
            "  rapl: {}");
    List<String> after =
        MetricTableWriter.update(
            "f",
            before,
            table(
                "jetson_temp_cpu_celsius",
                true,
                "powermon_power_watts",
                true,
                "kasa_plug_power_watts",
                false));
    assertThat(after)
        .containsExactly(
            "# powermon config",
            "metrics:",
            "    # the operator wants this one",
            "    powermon_power_watts: true   # keep me",
            "    jetson_temp_cpu_celsius: true",
            "    kasa_plug_power_watts: false",
            "",
            "collectors:",
            "  rapl: {}");
  }

  @Test
  void addsAMetricsBlockWhenThereIsNone() throws Exception {
    assertThat(MetricTableWriter.update("f", List.of("collectors: {}"), table("a_b", false)))
        .containsExactly("collectors: {}", "metrics:", "  a_b: false");
  }

  @Test
  void refusesToEditAFlowStyleTable() {
    assertThatThrownBy(
            () -> MetricTableWriter.update("f", List.of("metrics: {a: true}"), table("a", false)))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "f:1:1: metrics: is written on one line; write it as a block"
                + " (one 'family: true|false' per line) so powermon can update it");
  }

  @Test
  void writesAtomicallyAndTheResultLoads(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("powermon.yml");
    Files.writeString(file, "# mine\nmetrics:\n  a_b: true\n");
    MetricTableWriter.write(file, table("a_b", false, "c_d", true));
    assertThat(Files.readString(file)).isEqualTo("# mine\nmetrics:\n  a_b: false\n  c_d: true\n");
    assertThat(new ConfigLoader(Map.of()).load(file).metrics())
        .containsExactly(Map.entry("a_b", false), Map.entry("c_d", true));
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file); // no temp file left behind
    }
  }
}
