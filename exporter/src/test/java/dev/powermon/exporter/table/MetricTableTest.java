package dev.powermon.exporter.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

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
    MetricTable table = new MetricTable(file, Map.of("a_watts", false), Map.of(), Runnable::run);

    table.observe("a_watts", "x", true);
    table.observe("b_watts", "x", true);
    table.observe("jetson_temp_new_celsius", "jetson", false);

    assertThat(table.isEnabled("a_watts")).isFalse(); // the table beats the default
    assertThat(table.isEnabled("b_watts")).isTrue();
    assertThat(table.isEnabled("jetson_temp_new_celsius")).isFalse();
    assertThat(Files.readString(file))
        .isEqualTo(
            "# hand-written\nmetrics:\n  # I want this off\n  a_watts: false\n  b_watts: true\n  jetson_temp_new_celsius: false\n");
    assertThat(table.entries())
        .extracting(MetricTable.Entry::decidedBy)
        .containsOnly(MetricTable.Decision.TABLE);
  }

  @Test
  void anAdminChangeIsPersistedWithCommentsIntact() throws Exception {
    Path file = config("metrics:\n  a_watts: true # keep\n");
    MetricTable table = new MetricTable(file, Map.of("a_watts", true), Map.of(), Runnable::run);
    table.observe("a_watts", "x", true);

    MetricTable.Change change = table.apply(Map.of("a_watts", false));

    assertThat(change.changed()).containsExactly(Map.entry("a_watts", false));
    assertThat(change.persisted()).isTrue();
    assertThat(table.isEnabled("a_watts")).isFalse();
    assertThat(Files.readString(file)).isEqualTo("metrics:\n  a_watts: false # keep\n");
  }

  @Test
  void unknownFamiliesAreRefusedByName() {
    MetricTable table = new MetricTable(null, Map.of(), Map.of(), Runnable::run);
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
    MetricTable table =
        new MetricTable(
            file,
            Map.of("a_watts", true),
            Map.of(),
            Runnable::run,
            p -> false,
            MetricTable.DISCOVERY_CAP);

    table.observe("b_watts", "x", false);
    MetricTable.Change change = table.apply(Map.of("a_watts", false));

    assertThat(Files.readString(file)).isEqualTo(text);
    assertThat(change.persisted()).isFalse();
    assertThat(change.persistError())
        .endsWith("is not writable; the metric table is kept in memory only");
    assertThat(table.isEnabled("a_watts")).isFalse(); // still applied in memory
    assertThat(table.entries())
        .filteredOn(e -> e.family().equals("b_watts"))
        .extracting(MetricTable.Entry::decidedBy)
        .containsExactly(MetricTable.Decision.DEFAULT);
  }

  @Test
  void entriesNameTheirCollectors() {
    MetricTable table = new MetricTable(null, Map.of(), Map.of(), Runnable::run);
    table.observe("powermon_power_watts", "rapl", true);
    table.observe("powermon_power_watts", "kasa", true);
    assertThat(table.entries())
        .singleElement()
        .extracting(MetricTable.Entry::collectors)
        .isEqualTo(Set.of("kasa", "rapl"));
  }

  @Test
  void anEntryNoCollectorDeclaresOrEmitsIsReportedWithTheNearestFamily() throws Exception {
    Path file = config("metrics:\n  powermon_power_watt: false\n  powermon_power_watts: true\n");
    MetricTable table =
        new MetricTable(
            file,
            Map.of("powermon_power_watt", false, "powermon_power_watts", true),
            Map.of("rapl", Set.of("powermon_power_watts")),
            Runnable::run);

    assertThat(table.reportUnknown())
        .containsExactly(
            file
                + ": metrics.powermon_power_watt names a family no"
                + " collector declares or emits; did you mean powermon_power_watts?");
    assertThat(table.entries())
        .extracting(MetricTable.Entry::family, MetricTable.Entry::unknown)
        .containsExactly(tuple("powermon_power_watt", true), tuple("powermon_power_watts", false));
  }

  @Test
  void aFamilyEmittedAtRunTimeIsNoTypo() {
    MetricTable table =
        new MetricTable(null, Map.of("jetson_vdd_new_watts", true), Map.of(), Runnable::run);
    assertThat(table.reportUnknown()).hasSize(1);

    table.observe("jetson_vdd_new_watts", "jetson", false);

    assertThat(table.reportUnknown()).isEmpty();
  }

  @Test
  void theAdminApiRefusesATypoUnlessTheFileHasIt() {
    MetricTable table =
        new MetricTable(
            null,
            Map.of("kept_typo_watt", true),
            Map.of("rapl", Set.of("powermon_power_watts")),
            Runnable::run);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> table.apply(Map.of("powermon_power_watt", true)))
        .withMessage(
            "unknown metric families: powermon_power_watt (did you mean powermon_power_watts?)");
    // Declared but not emitted yet (its collector is not running) is no typo; a name already in the
    // file
    // may be changed.
    assertThat(table.apply(Map.of("powermon_power_watts", false)).changed())
        .containsExactly(Map.entry("powermon_power_watts", false));
    assertThat(table.apply(Map.of("kept_typo_watt", false)).changed())
        .containsExactly(Map.entry("kept_typo_watt", false));
  }

  @Test
  void familiesACollectorDiscoversAreCappedAndTheRestCounted() throws Exception {
    Path file = config("metrics:\n  listed_celsius: true\n");
    MetricTable table =
        new MetricTable(
            file,
            Map.of("listed_celsius", true),
            Map.of("jetson", Set.of("jetson_declared_watts")),
            Runnable::run,
            p -> true,
            2);

    assertThat(table.observe("jetson_declared_watts", "jetson", true)).isTrue(); // declared: free
    assertThat(table.observe("new_1_celsius", "jetson", true)).isTrue();
    assertThat(table.observe("new_2_celsius", "jetson", true)).isTrue();
    assertThat(table.observe("new_3_celsius", "jetson", true)).isFalse();
    assertThat(table.observe("new_3_celsius", "jetson", true)).isFalse();
    assertThat(table.observe("new_1_celsius", "jetson", true)).isTrue(); // already taken in
    assertThat(table.observe("listed_celsius", "jetson", true))
        .isTrue(); // in the file: the operator's
    assertThat(table.observe("other_celsius", "kasa", true)).isTrue(); // each collector its own cap

    assertThat(table.droppedFamilies()).isEqualTo(Map.of("jetson", 2L));
    assertThat(table.entries())
        .extracting(MetricTable.Entry::family)
        .containsExactly(
            "jetson_declared_watts",
            "listed_celsius",
            "new_1_celsius",
            "new_2_celsius",
            "other_celsius");
    assertThat(Files.readString(file))
        .doesNotContain("new_3_celsius")
        .contains("  new_2_celsius: true\n");
  }
}
