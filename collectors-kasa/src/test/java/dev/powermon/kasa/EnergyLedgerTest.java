package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnergyLedgerTest {
  @Test
  void countsFromTheFirstReadingAndSurvivesReboots() {
    EnergyLedger ledger = new EnergyLedger();
    assertThat(ledger.record("plug", 100)).isZero(); // baseline
    assertThat(ledger.record("plug", 101.5)).isEqualTo(5400); // 1.5 Wh * 3600 J/Wh
    assertThat(ledger.record("plug", 2)).isEqualTo(12600); // rebooted: + 2 Wh counted since = 7200 J
    assertThat(ledger.record("plug", 2)).isEqualTo(12600); // never decreases
  }

  @Test
  void aStripTotalIsTheSumOfItsOutletsCounters() {
    EnergyLedger ledger = new EnergyLedger();
    ledger.record("S", strip(10, 20));
    Map<String, Double> joules = ledger.record("S", strip(11, 20.5)); // +1 Wh and +0.5 Wh
    assertThat(joules).containsEntry("A", 3600.0).containsEntry("B", 1800.0).containsEntry("total", 5400.0);
    joules = ledger.record("S", strip(0.25, 21)); // outlet A's counter reset: +0.25 Wh, B +0.5 Wh
    assertThat(joules).containsEntry("A", 4500.0).containsEntry("B", 3600.0).containsEntry("total", 8100.0);
  }

  private static DeviceReading strip(double a, double b) {
    List<Outlet> outlets = List.of(new Outlet("S00", "A", 0, 1.0, 0.0), new Outlet("S01", "B", 1, 1.0, 0.0));
    SysInfo info = new SysInfo("S", "strip", "HS300", "", "", "", SysInfo.Kind.STRIP, "TIM:ENE",
        null, null, null, null, null, outlets, true);
    List<Realtime> rt = List.of(new Realtime(1.0, 120.0, 0.01, a), new Realtime(1.0, 120.0, 0.01, b));
    return new DeviceReading(info, null, Realtime.sum(rt, true),
        List.of(new DeviceReading.OutletReading(outlets.get(0), rt.get(0)),
            new DeviceReading.OutletReading(outlets.get(1), rt.get(1))), List.of());
  }

  @Test
  void outletDomainsAreUniqueAndNeverTotal() {
    List<Outlet> outlets =
        List.of(new Outlet("0", "Lamp", 0, 1.0, 0.0), new Outlet("1", "Lamp", 1, 1.0, 0.0),
            new Outlet("2", "total", 2, 1.0, 0.0), new Outlet("3", "", 3, 1.0, 0.0),
            new Outlet("4", "outlet 2", 4, 1.0, 0.0));
    assertThat(OutletDomains.of(outlets))
        .containsExactly("Lamp", "outlet 2", "outlet 3", "outlet 4", "outlet 5");
  }
}
