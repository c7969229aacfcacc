package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A strip's total energy: the outlets' counters through the shared ledger, summed. */
class StripEnergyTest {
  private static final List<Outlet> OUTLETS =
      List.of(new Outlet("S00", "A", 0, 1.0, 0.0), new Outlet("S01", "B", 1, 1.0, 0.0));

  private static DeviceReading strip(Double aWh, Double bWh, boolean complete) {
    SysInfo info =
        new SysInfo(
            "S",
            "strip",
            "HS300",
            "",
            "",
            "",
            SysInfo.Kind.STRIP,
            "TIM:ENE",
            null,
            null,
            null,
            null,
            null,
            OUTLETS,
            complete);
    List<Realtime> rt =
        List.of(new Realtime(1.0, 120.0, 0.01, aWh), new Realtime(1.0, 120.0, 0.01, bWh));
    return new DeviceReading(
        info,
        null,
        Realtime.sum(rt, complete),
        List.of(
            new DeviceReading.OutletReading(OUTLETS.get(0), rt.get(0)),
            new DeviceReading.OutletReading(OUTLETS.get(1), rt.get(1))),
        List.of());
  }

  @Test
  void oneOutletsResetAddsOnlyThatOutletsEnergySince() {
    StripEnergy energy = new StripEnergy();
    // starts at the devices' own counters: (10 + 20) Wh * 3600 J/Wh
    assertThat(energy.record("S", strip(10.0, 20.0, true))).isEqualTo(108_000);
    // +1 Wh and +0.5 Wh = 5400 J
    assertThat(energy.record("S", strip(11.0, 20.5, true))).isEqualTo(113_400);
    // outlet A's counter reset to 0.25 Wh: +0.25 Wh (900 J), B +0.5 Wh (1800 J); not a reset of the
    // strip
    assertThat(energy.record("S", strip(0.25, 21.0, true))).isEqualTo(116_100);
  }

  @Test
  void aMissingOutletCounterWithholdsTheTotalAndTheOthersKeepCounting() {
    StripEnergy energy = new StripEnergy();
    energy.record("S", strip(10.0, 20.0, true));
    assertThat(energy.record("S", strip(11.0, null, true))).isNull();
    assertThat(energy.record("S", strip(12.0, 21.0, false))).isNull(); // an outlet not listed
    assertThat(energy.record("S", strip(12.0, 21.0, true)))
        .isEqualTo(118_800); // (12 + 21) Wh, nothing lost
  }

  @Test
  void aForgottenStripStartsAgainFromItsCounters() {
    StripEnergy energy = new StripEnergy();
    energy.record("S", strip(10.0, 20.0, true));
    energy.record("S", strip(11.0, 20.0, true));
    energy.forget("S");
    assertThat(energy.record("S", strip(11.0, 20.0, true))).isEqualTo(111_600);
  }
}
