package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.testkit.MetricValues;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unreadable and malformed counters: visible failures with the fix, logged once, never zeros. */
class FailureTest {
  private static final String ERRORS = "powermon_rapl_read_errors_total";
  private static final String SUCCESS = "powermon_rapl_zone_success";

  @TempDir Path sysfs;

  private PowercapTree twoPackages() {
    return PowercapTree.twoPackages(sysfs);
  }

  @Test
  void permissionDeniedEverywhereGivesTheFixOnceAndRecovers() {
    Harness h = new Harness(twoPackages());
    h.files.fail("energy_uj", new AccessDeniedException("energy_uj"));
    h.sample().sample().sample();

    String failure = h.readings().failure();
    assertThat(failure)
        .startsWith(
            "cannot read "
                + sysfs.resolve("class/powercap/intel-rapl:0/energy_uj")
                + ": permission denied.")
        .contains(
            "CVE-2020-8694",
            "run powermon as root",
            "SUBSYSTEM==\"powercap\"",
            "chmod g+r",
            "z /sys/class/powercap/*/energy_uj 0440 root powermon -",
            "sudo chmod a+r",
            "capabilities.add (DAC_READ_SEARCH) does not help a non-root user");
    assertThat(h.warnings).isEmpty(); // collect() throws it; the core logs it once per state change

    h.files.heal();
    h.sample();
    h.tree.energy("intel-rapl:0", 4_000_000); // +3 J after recovery
    h.sample();
    assertThat(h.readings().failure()).isNull();
    assertThat(h.warnings).isEmpty();
    MetricValues m = h.metrics();
    assertThat(m.value("powermon_energy_joules_total", "domain", "package", "socket", "0"))
        .isEqualTo(3.0);
    // 3 samples x 2 zones denied, at rediscovery each time
    assertThat(m.value(ERRORS, "rapl_zone", "intel-rapl:0", "reason", "eacces")).isEqualTo(3.0);
  }

  @Test
  void oneUnreadableZoneShowsPerZoneWhileTheOthersAreServed() {
    Harness h = new Harness(twoPackages()).sample();
    h.files.fail("intel-rapl:1/energy_uj", new IOException("Input/output error"));
    h.tree.energy("intel-rapl:0", 3_000_000).energy("intel-rapl:1", 9_000_000);
    h.sample().sample();

    MetricValues m = h.metrics();
    assertThat(h.readings().failure()).isNull();
    assertThat(m.value(SUCCESS, "rapl_zone", "intel-rapl:0")).isEqualTo(1.0);
    assertThat(m.value(SUCCESS, "rapl_zone", "intel-rapl:1")).isEqualTo(0.0);
    assertThat(m.value(ERRORS, "rapl_zone", "intel-rapl:1", "reason", "eio")).isEqualTo(2.0);
    // the failing zone's series are withheld, not served as a flat counter and 0 W; so is the
    // total it is part of
    assertThat(m.value("powermon_energy_joules_total", "domain", "package", "socket", "0"))
        .isEqualTo(2.0);
    assertThat(m.series("powermon_energy_joules_total", "socket", "1")).isEmpty();
    assertThat(m.series("powermon_power_watts", "socket", "1")).isEmpty();
    assertThat(m.series("powermon_energy_joules_total", "domain", "total")).isEmpty();
    assertThat(m.series("powermon_power_watts", "domain", "total")).isEmpty();
    assertThat(h.warnings)
        .hasSize(1)
        .allMatch(w -> w.startsWith("RAPL zone intel-rapl:1: stopped advancing: cannot read"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|empty, expected a whole number",
        "abc|'abc' is not a non-negative whole number",
        "-5|'-5' is not a non-negative whole number",
        "12.5|'12.5' is not a non-negative whole number",
        "99999999999999999999|'99999999999999999999' is larger than a 64-bit counter"
      })
  void malformedCountersAreParseErrorsNotZeros(String content, String reason) {
    Harness h = new Harness(twoPackages()).sample();
    h.tree.file("intel-rapl:1", "energy_uj", content).energy("intel-rapl:0", 6_000_000);
    h.sample();

    MetricValues m = h.metrics();
    assertThat(m.value(ERRORS, "rapl_zone", "intel-rapl:1", "reason", "parse")).isEqualTo(1.0);
    assertThat(h.problems.count("intel-rapl:1/energy_uj")).isEqualTo(1);
    assertThat(h.problems.failing()).containsExactly(Map.entry("intel-rapl:1/energy_uj", reason));
    assertThat(h.problems.count("intel-rapl:0/energy_uj")).isZero();
    assertThat(m.value(SUCCESS, "rapl_zone", "intel-rapl:1")).isEqualTo(0.0);
    assertThat(m.value("powermon_energy_joules_total", "socket", "0")).isEqualTo(5.0);
  }

  @Test
  void noPowercapSaysWhatToDo() {
    Harness h = new Harness(new PowercapTree(sysfs)).sample();
    assertThat(h.readings().failure())
        .isEqualTo(
            sysfs.resolve("class/powercap")
                + " does not exist, so this machine exposes no RAPL zones. Load the driver"
                + " (modprobe intel_rapl_msr; AMD Zen needs Linux 5.11 or later); virtual machines"
                + " and most cloud instances have no RAPL. In a container, mount the host's /sys"
                + " and set --collector.rapl.sysfs=/host/sys. Without powercap,"
                + " --collector.rapl.msr=true reads /dev/cpu/*/msr instead (root and the msr"
                + " module).");
    assertThat(h.metrics().value(ERRORS, "rapl_zone", "", "reason", "enoent")).isEqualTo(1.0);
  }
}
