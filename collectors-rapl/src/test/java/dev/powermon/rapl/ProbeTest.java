package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.ProbeResult;
import dev.powermon.testkit.TestContext;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 6: the probe tells "no powercap here" from "powercap here but unreadable", in words
 * the core shows as the hint of a collector the operator meant to run ({@code
 * --collector.rapl.sysfs=…}). Failures come through the {@link SysFiles} seam, as a non-root user
 * would see them (tests may run as root, where file modes are not enforced).
 */
class ProbeTest {
  @TempDir Path sysfs;

  private ProbeResult probe(FaultyFiles files) throws Exception {
    RaplProvider provider = new RaplProvider(files);
    try (TestContext ctx =
        TestContext.forProvider(provider).setting("sysfs", sysfs.toString()).build()) {
      return provider.probe(ctx);
    }
  }

  private PowercapTree twoPackages() {
    return PowercapTree.twoPackages(sysfs);
  }

  @Test
  void noPowercapDirectorySaysThereIsNoRaplHere() throws Exception {
    ProbeResult r = probe(new FaultyFiles());
    assertThat(r.isAvailable()).isFalse();
    assertThat(r.detail())
        .startsWith(sysfs.resolve("class/powercap") + " does not exist")
        .doesNotContain("permission");
  }

  @Test
  void powercapWithoutZonesSaysTheDriverRegisteredNone() throws Exception {
    java.nio.file.Files.createDirectories(sysfs.resolve("class/powercap"));
    ProbeResult r = probe(new FaultyFiles());
    assertThat(r.isAvailable()).isFalse();
    assertThat(r.detail()).startsWith(sysfs.resolve("class/powercap") + " holds no RAPL zone");
  }

  @Test
  void unreadableEnergyNamesTheFileAndEveryFix() throws Exception {
    twoPackages();
    ProbeResult r =
        probe(new FaultyFiles().fail("energy_uj", new AccessDeniedException("energy_uj")));
    assertThat(r.isAvailable()).isFalse();
    assertThat(r.detail())
        .startsWith(
            "cannot read "
                + sysfs.resolve("class/powercap/intel-rapl:0/energy_uj")
                + ": permission denied. Since CVE-2020-8694")
        .contains(
            "run powermon as root",
            "/etc/udev/rules.d/99-powermon-powercap.rules",
            "/etc/tmpfiles.d/powermon-rapl.conf",
            "capabilities.add (DAC_READ_SEARCH) does not help a non-root user");
  }

  @Test
  void anUnlistablePowercapDirectoryIsAPermissionProblemNotAnAbsence() throws Exception {
    twoPackages();
    ProbeResult r =
        probe(new FaultyFiles().fail("class/powercap", new AccessDeniedException("powercap")));
    assertThat(r.isAvailable()).isFalse();
    assertThat(r.detail())
        .startsWith("cannot read " + sysfs.resolve("class/powercap") + ": permission denied.");
  }

  @Test
  void anUnreadableRangeAloneStillProbesAvailable() throws Exception {
    twoPackages().vendor(0);
    ProbeResult r =
        probe(
            new FaultyFiles()
                .fail("max_energy_range_uj", new AccessDeniedException("max_energy_range_uj")));
    assertThat(r.isAvailable()).isTrue();
    assertThat(r.detail()).startsWith("2 RAPL zones");
  }

  @Test
  void oneUnreadableZoneOfTwoStillProbesAvailable() throws Exception {
    twoPackages();
    ProbeResult r =
        probe(
            new FaultyFiles()
                .fail("intel-rapl:1/energy_uj", new AccessDeniedException("energy_uj")));
    assertThat(r.isAvailable()).isTrue();
  }
}
