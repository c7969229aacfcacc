package dev.powermon.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterLedgerTest {
  private final CounterLedger ledger = new CounterLedger();

  @Test
  void startsAtTheDeviceValueAndAddsIncreases() {
    assertThat(ledger.add(5_000)).isEqualTo(5_000.0);
    assertThat(ledger.add(5_400)).isEqualTo(5_400.0);
    assertThat(ledger.resets()).isZero();
  }

  @Test
  void aResetAtMidnightOrRebootAddsTheEnergyCountedSince() {
    ledger.add(5_000);
    ledger.add(5_400);
    assertThat(ledger.add(120)).isEqualTo(5_520.0); // reset: 120 counted since, on top of 5 400
    assertThat(ledger.add(200)).isEqualTo(5_600.0);
    assertThat(ledger.resets()).isEqualTo(1);
  }

  @Test
  void unusableReadingsChangeNothing() {
    ledger.add(100);
    assertThat(ledger.add(Double.NaN)).isEqualTo(100.0);
    assertThat(ledger.add(-3)).isEqualTo(100.0);
    assertThat(ledger.add(Double.POSITIVE_INFINITY)).isEqualTo(100.0);
    assertThat(ledger.add(150)).isEqualTo(150.0);
  }
}
