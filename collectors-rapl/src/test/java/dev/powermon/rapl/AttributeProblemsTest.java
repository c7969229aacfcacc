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
 * truncated, huge or negative costs that zone only, and is reported as a parse problem of that
 * zone's file (the core counts {@code powermon_parse_problems_total{collector,field}}).
 */
class AttributeProblemsTest {
  private static final String ENERGY = "powermon_energy_joules_total";

  @TempDir Path sysfs;

  private PowercapTree twoPackages() {
    return PowercapTree.twoPackages(sysfs).vendor(0);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|empty, expected a zone name; the zone is left out",
        "'pack\u0001age'|'pack?age' is not a RAPL zone name; the zone is left out",
        "'package 1'|'package 1' is not a RAPL zone name; the zone is left out"
      })
  void aBadNameLeavesThatZoneOutAndTheOtherServed(String name, String reason) {
    PowercapTree tree = twoPackages().file("intel-rapl:1", "name", name);
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:0", 3_000_000);
    h.sample();

    MetricValues m = h.metrics();
    assertThat(m.value(ENERGY, "socket", "0")).isEqualTo(2.0);
    assertThat(m.value(ENERGY, "domain", "total")).isEqualTo(2.0);
    assertThat(m.series("powermon_rapl_zone_success", "rapl_zone", "intel-rapl:1")).isEmpty();
    assertThat(h.problems.failing()).containsEntry("intel-rapl:1/name", reason);
    assertThat(h.problems.count("intel-rapl:0/name")).isZero();
  }

  @Test
  void aNameLongerThanAPageIsOversized() {
    PowercapTree tree = twoPackages().file("intel-rapl:1", "name", "p".repeat(5000));
    MetricValues m = new Harness(tree).sample().metrics();
    assertThat(m.series(ENERGY, "socket", "1")).isEmpty();
    assertThat(m.series(ENERGY, "socket", "0")).hasSize(1);
  }

  @Test
  void aNameThatReadsAgainIsReportedFine() {
    PowercapTree tree = twoPackages().file("intel-rapl:1", "name", "");
    Harness h = new Harness(tree).sample();
    assertThat(h.problems.failing()).containsOnlyKeys("intel-rapl:1/name");
    tree.file("intel-rapl:1", "name", "package-1");
    h.sampleAfter(java.time.Duration.ofMinutes(5)); // the rediscovery timer
    assertThat(h.problems.failing()).isEmpty();
    assertThat(h.problems.count("intel-rapl:1/name")).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-5|'-5' is not a non-negative whole number",
        "abc|'abc' is not a non-negative whole number",
        "''|empty, expected a whole number",
        "99999999999999999999999|'99999999999999999999999' is larger than a 64-bit counter",
        "2621433288.50|'2621433288.50' is not a non-negative whole number"
      })
  void aBadRangeFallsBackToTheVendorConstantAndIsReported(String range, String reason) {
    PowercapTree tree =
        twoPackages()
            .zone("intel-rapl:2", "package-2", INTEL_MAX - 1_000_000, INTEL_MAX)
            .file("intel-rapl:2", "max_energy_range_uj", range);
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:2", 4_000_000); // wraps at the Intel constant: 1 J + 4 J
    h.sample();

    MetricValues m = h.metrics();
    assertThat(m.value(ENERGY, "socket", "2")).isEqualTo(5.0);
    assertThat(h.problems.failing())
        .containsEntry(
            "intel-rapl:2/max_energy_range_uj", reason + "; the vendor's range is used if known");
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
    assertThat(h.problems.failing())
        .containsEntry(
            "intel-rapl:1/energy_uj", "more than 4096 bytes, larger than any sysfs attribute");
    assertThat(m.series(ENERGY, "socket", "1")).isEmpty();
    assertThat(m.value(ENERGY, "socket", "0")).isEqualTo(1.0);
  }
}
