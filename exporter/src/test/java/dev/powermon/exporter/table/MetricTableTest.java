package dev.powermon.exporter.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricTableTest {
  @TempDir Path dir;

  private Path config(String text) throws Exception {
    Path file = dir.resolve("powermon.yml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void discoveryAddsFamiliesWithTheirDefaultsToTheFile() throws Exception {
    Path file = config("# hand-written\nmetrics:\n  # I want this off\n  a_watts: false\n");
    MetricTable table = new MetricTable(file, Map.of("a_watts", false), Runnable::run);

    table.observe("a_watts", "x", true);
    table.observe("b_watts", "x", true);
    table.observe("jetson_temp_new_celsius", "jetson", false);

    assertThat(table.isEnabled("a_watts")).isFalse(); // the table beats the default
    assertThat(table.isEnabled("b_watts")).isTrue();
    assertThat(table.isEnabled("jetson_temp_new_celsius")).isFalse();
    assertThat(Files.readString(file)).isEqualTo(
        "# hand-written\nmetrics:\n  # I want this off\n  a_watts: false\n  b_watts: true\n  jetson_temp_new_celsius: false\n");
    assertThat(table.entries()).extracting(MetricTable.Entry::decidedBy).containsOnly(MetricTable.Decision.TABLE);
  }

  @Test
  void anAdminChangeIsPersistedWithCommentsIntact() throws Exception {
    Path file = config("metrics:\n  a_watts: true # keep\n");
    MetricTable table = new MetricTable(file, Map.of("a_watts", true), Runnable::run);
    table.observe("a_watts", "x", true);

    MetricTable.Change change = table.apply(Map.of("a_watts", false));

    assertThat(change.changed()).containsExactly(Map.entry("a_watts", false));
    assertThat(change.persisted()).isTrue();
    assertThat(table.isEnabled("a_watts")).isFalse();
    assertThat(Files.readString(file)).isEqualTo("metrics:\n  a_watts: false # keep\n");
  }

  @Test
  void unknownFamiliesAreRefusedByName() {
    MetricTable table = new MetricTable(null, Map.of(), Runnable::run);
    table.observe("a_watts", "x", true);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> table.apply(Map.of("a_watts", false, "nope_watts", true)))
        .withMessage("unknown metric families: nope_watts");
    assertThat(table.isEnabled("a_watts")).isTrue(); // nothing applied
  }

  @Test
  void aReadOnlyFileIsLeftAlone() throws Exception {
    String text = "metrics:\n  a_watts: true\n";
    Path file = config(text);
    MetricTable table = new MetricTable(file, Map.of("a_watts", true), Runnable::run, p -> false);

    table.observe("b_watts", "x", false);
    MetricTable.Change change = table.apply(Map.of("a_watts", false));

    assertThat(Files.readString(file)).isEqualTo(text);
    assertThat(change.persisted()).isFalse();
    assertThat(change.persistError()).endsWith("is not writable; the metric table is kept in memory only");
    assertThat(table.isEnabled("a_watts")).isFalse(); // still applied in memory
    assertThat(table.entries()).filteredOn(e -> e.family().equals("b_watts"))
        .extracting(MetricTable.Entry::decidedBy).containsExactly(MetricTable.Decision.DEFAULT);
  }

  @Test
  void entriesNameTheirCollectors() {
    MetricTable table = new MetricTable(null, Map.of(), Runnable::run);
    table.observe("powermon_power_watts", "rapl", true);
    table.observe("powermon_power_watts", "kasa", true);
    assertThat(table.entries()).singleElement()
        .extracting(MetricTable.Entry::collectors).isEqualTo(Set.of("kasa", "rapl"));
  }
}
