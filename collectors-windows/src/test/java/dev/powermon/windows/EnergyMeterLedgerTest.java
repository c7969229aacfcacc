package dev.powermon.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class EnergyMeterLedgerTest {
  private static final long T0 = 134_082_144_000_000_000L; // a FILETIME in 2025
  private static final long SECOND = 10_000_000L; // 100-ns ticks

  private final EnergyMeterLedger ledger = new EnergyMeterLedger();

  private static EnergyMeterReading r(String instance, long pwh, long ticks) {
    return new EnergyMeterReading(instance, pwh, ticks);
  }

  @Test
  void intelPackageIsCountedOnceWithDramBesideIt() {
    List<GetCounterDump.Sample> dump = GetCounterDump.read("energy-meter/intel-desktop-de.txt");
    ledger.update(dump.get(0).readings());
    assertThat(ledger.watts()).isEmpty(); // a first reading is only a baseline
    ledger.update(dump.get(1).readings());
    // ΔpWh over 1 s (10,000,000 ticks): W = 0.036 × ΔpWh / Δticks
    // PKG 4,500,000,000 → 16.2 W; PP0 3,000,000,000 → 10.8 W; PP1 250,000,000 → 0.9 W; DRAM
    // 500,000,000 → 1.8 W
    assertThat(ledger.watts().get("package-0")).isCloseTo(16.2, within(1e-9));
    assertThat(ledger.watts().get("core-0")).isCloseTo(10.8, within(1e-9));
    assertThat(ledger.watts().get("uncore-0")).isCloseTo(0.9, within(1e-9));
    assertThat(ledger.watts().get("dram-0")).isCloseTo(1.8, within(1e-9));
    // total = PKG + DRAM = 18.0 W, never PKG + PP0 + PP1 (29.7 W); energy 4.5e9 × 3.6e-9 + 0.5e9 ×
    // 3.6e-9 = 18.0 J
    assertThat(ledger.watts().get("total")).isCloseTo(18.0, within(1e-9));
    assertThat(ledger.joules().get("total")).isCloseTo(18.0, within(1e-9));
    assertThat(ledger.watts()).doesNotContainKey("_total");
  }

  @Test
  void amdCoresAreSummedAndBecomeTheTotalWithoutAPackageInstance() {
    List<GetCounterDump.Sample> dump = GetCounterDump.read("energy-meter/amd-percore-de.txt");
    ledger.update(dump.get(0).readings());
    ledger.update(dump.get(1).readings());
    // six cores, ΔpWh sum 4,425,000,000 over 2 s: 4.425e9 × 3.6e-9 = 15.93 J, / 2 s = 7.965 W
    assertThat(ledger.watts().get("core-0")).isCloseTo(7.965, within(1e-9));
    assertThat(ledger.joules().get("core-0")).isCloseTo(15.93, within(1e-9));
    assertThat(ledger.watts().get("total")).isCloseTo(7.965, within(1e-9));
    assertThat(ledger.watts()).containsOnlyKeys("core-0", "total");
  }

  @Test
  void rawArithmeticMatchesTheCookedPowerWindowsPrintedInAGermanLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      List<GetCounterDump.Sample> dump = GetCounterDump.read("energy-meter/amd-percore-de.txt");
      for (String instance : dump.get(1).cookedWatts().keySet()) {
        EnergyMeterLedger one = new EnergyMeterLedger();
        one.update(only(dump.get(0), instance));
        one.update(only(dump.get(1), instance));
        // core0: "1872,00000000000" mW printed; 0.036 × 1,040,000,000 / 20,000,000 = 1.872 W
        // computed
        assertThat(one.watts().get("core-0"))
            .isCloseTo(dump.get(1).cookedWatts().get(instance), within(1e-9));
      }
      assertThat(GetCounterDump.decimal("1872,08632575553")).isEqualTo(1872.08632575553);
      assertThat(GetCounterDump.decimal("176.968586651307")).isEqualTo(176.968586651307);
    } finally {
      Locale.setDefault(before);
    }
  }

  private static List<EnergyMeterReading> only(GetCounterDump.Sample s, String instance) {
    return s.readings().stream().filter(r -> r.instance().equals(instance)).toList();
  }

  @Test
  void packageInstanceWinsOverAmdCoresInTheTotal() {
    ledger.update(List.of(r("rapl_package0_pkg", 0, T0), r("rapl_package0_core0_core", 0, T0)));
    ledger.update(
        List.of(
            r("rapl_package0_pkg", 1_000_000_000, T0 + SECOND),
            r("rapl_package0_core0_core", 400_000_000, T0 + SECOND)));
    // pkg 1e9 pWh/s = 3.6 W; core 1.44 W is inside it
    assertThat(ledger.watts().get("total")).isCloseTo(3.6, within(1e-9));
  }

  @Test
  void twoSocketsAddUpAndUpperCaseNamesAreRead() {
    ledger.update(
        List.of(
            r("RAPL_Package0_PKG", 0, T0),
            r("RAPL_Package1_PKG", 0, T0),
            r("RAPL_Package1_PP0", 0, T0)));
    ledger.update(
        List.of(
            r("RAPL_Package0_PKG", 500_000_000, T0 + 2 * SECOND),
            r("RAPL_Package1_PKG", 1_500_000_000, T0 + 2 * SECOND),
            r("RAPL_Package1_PP0", 1_000_000_000, T0 + 2 * SECOND)));
    // 0.036 × 5e8 / 2e7 = 0.9 W; 0.036 × 1.5e9 / 2e7 = 2.7 W; total 3.6 W (PP0 of package 1 is
    // inside its PKG)
    assertThat(ledger.watts().get("package-0")).isCloseTo(0.9, within(1e-9));
    assertThat(ledger.watts().get("package-1")).isCloseTo(2.7, within(1e-9));
    assertThat(ledger.watts().get("total")).isCloseTo(3.6, within(1e-9));
  }

  @Test
  void aCounterGoingBackwardsIsAResetNotNegativeEnergy() {
    ledger.update(List.of(r("rapl_package0_pkg", 5_000_000_000L, T0)));
    ledger.update(List.of(r("rapl_package0_pkg", 6_000_000_000L, T0 + SECOND))); // +3.6 J
    ledger.update(List.of(r("rapl_package0_pkg", 100, T0 + 2 * SECOND))); // driver restarted
    assertThat(ledger.resets()).isEqualTo(1);
    assertThat(ledger.joules().get("package-0")).isCloseTo(3.6, within(1e-9));
    assertThat(ledger.watts()).isEmpty();
    ledger.update(
        List.of(
            r(
                "rapl_package0_pkg",
                100 + 1_000_000_000L,
                T0 + 3 * SECOND))); // +3.6 J from the new origin
    assertThat(ledger.joules().get("package-0")).isCloseTo(7.2, within(1e-9));
    assertThat(ledger.joules().get("total")).isCloseTo(7.2, within(1e-9));
  }

  @Test
  void anUnchangedTimestampKeepsTheOlderBaselineSoNoEnergyIsLost() {
    ledger.update(List.of(r("rapl_package0_pkg", 0, T0)));
    ledger.update(List.of(r("rapl_package0_pkg", 999, T0))); // same stamp: not a window
    assertThat(ledger.watts()).isEmpty();
    ledger.update(List.of(r("rapl_package0_pkg", 2_000_000_000L, T0 + 2 * SECOND)));
    // from the first baseline: 2e9 pWh = 7.2 J over 2 s = 3.6 W
    assertThat(ledger.joules().get("package-0")).isCloseTo(7.2, within(1e-9));
    assertThat(ledger.watts().get("package-0")).isCloseTo(3.6, within(1e-9));
  }

  @Test
  void nonRaplInstancesAreExportedButNeverTotalled() {
    ledger.update(List.of(r("CPU_CLUSTER_0", 0, T0), r("GPU", 0, T0), r("_Total", 0, T0)));
    ledger.update(
        List.of(
            r("CPU_CLUSTER_0", 100_000_000, T0 + SECOND),
            r("GPU", 50_000_000, T0 + SECOND),
            r("_Total", 0, T0 + SECOND)));
    // 0.036 × 1e8 / 1e7 = 0.36 W; GPU 0.18 W
    assertThat(ledger.watts()).containsOnlyKeys("cpu_cluster_0", "gpu");
    assertThat(ledger.watts().get("cpu_cluster_0")).isCloseTo(0.36, within(1e-9));
  }

  @Test
  void instanceNamesMapToDomainsAndRoles() {
    assertThat(MeterInstance.of("RAPL_Package0_PP1"))
        .isEqualTo(new MeterInstance("uncore-0", 0, MeterInstance.Role.PART));
    assertThat(MeterInstance.of("rapl_package2_core15_core").domain()).isEqualTo("core-2");
    assertThat(MeterInstance.of("rapl_package0_psys").countsTowardsTotal()).isFalse();
    assertThat(MeterInstance.of("rapl_package99999_pkg").countsTowardsTotal())
        .isFalse(); // absurd socket: not RAPL
    assertThat(MeterInstance.of("_TOTAL").role()).isEqualTo(MeterInstance.Role.IGNORED);
  }

  @Test
  void anAbsurdWindowCostsThatInstanceAloneAndTheTotalsPowerNotItsEnergy() {
    ledger.update(List.of(r("rapl_package0_pkg", 0, T0), r("rapl_package0_dram", 0, T0)));
    // PKG jumps by 1e13 pWh = 36 kJ in one second: 36 kW, a corrupt counter. DRAM 2.5e8 pWh = 0.9
    // W.
    java.util.Map<String, String> problems =
        ledger.update(
            List.of(
                r("rapl_package0_pkg", 10_000_000_000_000L, T0 + SECOND),
                r("rapl_package0_dram", 250_000_000, T0 + SECOND)));
    assertThat(problems)
        .containsOnly(java.util.Map.entry("package-0", "out of range (more than 10000.0 W)"));
    assertThat(ledger.watts()).containsOnlyKeys("dram-0"); // no total power from half the machine
    assertThat(ledger.joules().get("total")).isCloseTo(0.9, within(1e-9));
    assertThat(ledger.joules()).doesNotContainKey("package-0");
    // the next window is sane again: PKG +1e9 pWh = 3.6 W, DRAM 0.9 W
    assertThat(
            ledger.update(
                List.of(
                    r("rapl_package0_pkg", 10_001_000_000_000L, T0 + 2 * SECOND),
                    r("rapl_package0_dram", 500_000_000, T0 + 2 * SECOND))))
        .isEmpty();
    assertThat(ledger.watts().get("package-0")).isCloseTo(3.6, within(1e-9));
    assertThat(ledger.watts().get("total")).isCloseTo(4.5, within(1e-9));
    assertThat(ledger.joules().get("total")).isCloseTo(0.9 + 4.5, within(1e-9));
  }

  @Test
  void anInstanceMissingFromARoundWithholdsTheTotalPowerButLosesNoEnergy() {
    ledger.update(List.of(r("rapl_package0_pkg", 0, T0), r("rapl_package0_dram", 0, T0)));
    ledger.update(
        List.of(r("rapl_package0_dram", 250_000_000, T0 + SECOND))); // PKG gave no valid value
    assertThat(ledger.watts()).containsOnlyKeys("dram-0");
    ledger.update(
        List.of(
            r("rapl_package0_pkg", 2_000_000_000L, T0 + 2 * SECOND),
            r("rapl_package0_dram", 500_000_000, T0 + 2 * SECOND)));
    // PKG's two seconds arrive at once: 2e9 pWh = 7.2 J; total energy 7.2 + 1.8 = 9.0 J
    assertThat(ledger.joules().get("total")).isCloseTo(9.0, within(1e-9));
    assertThat(ledger.watts().get("total")).isCloseTo(3.6 + 0.9, within(1e-9));
  }

  @Test
  void aWrapFromTheTopOfTheRangeIsAReset() {
    ledger.update(List.of(r("rapl_package0_pkg", Long.MAX_VALUE - 10, T0)));
    ledger.update(
        List.of(r("rapl_package0_pkg", Long.MIN_VALUE + 10, T0 + SECOND))); // raw ULONGLONG wrapped
    assertThat(ledger.resets()).isEqualTo(1);
    assertThat(ledger.joules()).isEmpty();
  }
}
