package dev.powermon.rapl;

import static dev.powermon.rapl.PowercapTree.INTEL_MAX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.testkit.MetricValues;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 11, fail narrow in sysfs readers: a zone whose name, range or counter is garbage,
 * truncated, huge or negative costs that zone only, counted by file and reason.
 */
class AttributeProblemsTest {
  private static final String PROBLEMS = "powermon_rapl_attribute_problems_total";
  private static final String ENERGY = "powermon_energy_joules_total";

  @TempDir Path sysfs;

  private PowercapTree twoPackages() {
    return PowercapTree.twoPackages(sysfs).vendor(0);
  }

  private static double problems(MetricValues m, String zone, String file, String reason) {
    return m.value(PROBLEMS, "rapl_zone", zone, "file", file, "reason", reason);
  }

  @ParameterizedTest
  @CsvSource({"'',empty", "'pack\u0001age',bad_name", "'package 1',bad_name"})
  void aBadNameLeavesThatZoneOutAndTheOtherServed(String name, String reason) {
    PowercapTree tree = twoPackages().file("intel-rapl:1", "name", name);
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:0", 3_000_000);
    h.sample();

    MetricValues m = h.metrics();
    assertThat(m.value(ENERGY, "socket", "0")).isEqualTo(2.0);
    assertThat(m.value(ENERGY, "domain", "total")).isEqualTo(2.0);
    assertThat(m.series("powermon_rapl_zone_success", "rapl_zone", "intel-rapl:1")).isEmpty();
    assertThat(problems(m, "intel-rapl:1", "name", reason)).isEqualTo(1.0);
  }

  @Test
  void aNameLongerThanAPageIsOversized() {
    PowercapTree tree = twoPackages().file("intel-rapl:1", "name", "p".repeat(5000));
    MetricValues m = new Harness(tree).sample().metrics();
    assertThat(problems(m, "intel-rapl:1", "name", "oversized")).isEqualTo(1.0);
    assertThat(m.series(ENERGY, "socket", "1")).isEmpty();
    assertThat(m.series(ENERGY, "socket", "0")).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({
    "-5,negative",
    "abc,not_a_number",
    "'',empty",
    "99999999999999999999999,too_large",
    "2621433288.50,not_a_number"
  })
  void aBadRangeFallsBackToTheVendorConstantAndIsCounted(String range, String reason) {
    PowercapTree tree =
        twoPackages()
            .zone("intel-rapl:2", "package-2", INTEL_MAX - 1_000_000, INTEL_MAX)
            .file("intel-rapl:2", "max_energy_range_uj", range);
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:2", 4_000_000); // wraps at the Intel constant: 1 J + 4 J
    h.sample();

    MetricValues m = h.metrics();
    assertThat(m.value(ENERGY, "socket", "2")).isEqualTo(5.0);
    assertThat(problems(m, "intel-rapl:2", "max_energy_range_uj", reason)).isEqualTo(1.0);
    assertThat(m.value("powermon_rapl_max_energy_range_joules", "rapl_zone", "intel-rapl:2"))
        .isEqualTo(262_143.32885);
  }

  @Test
  void aCounterWithLeadingZerosIsRead() {
    PowercapTree tree = twoPackages();
    Harness h = new Harness(tree).sample();
    tree.file("intel-rapl:0", "energy_uj", "00000000000020774533");
    h.sample();
    assertThat(h.joules("socket", "0")).isEqualTo(19.774533);
  }

  @Test
  void aCounterCutAtAPageIsRefusedNotMisread() {
    PowercapTree tree = twoPackages();
    Harness h = new Harness(tree).sample();
    tree.file("intel-rapl:1", "energy_uj", "0".repeat(4096) + "7000000")
        .energy("intel-rapl:0", 2_000_000);
    h.sample();

    MetricValues m = h.metrics();
    assertThat(problems(m, "intel-rapl:1", "energy_uj", "oversized")).isEqualTo(1.0);
    assertThat(m.series(ENERGY, "socket", "1")).isEmpty();
    assertThat(m.value(ENERGY, "socket", "0")).isEqualTo(1.0);
  }
}
