package dev.powermon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GroupLedgerTest {
  @Test
  void topGroupsGetSeriesAndTheRestOneOther() {
    GroupLedger ledger = new GroupLedger(2, 60_000, 0.01);
    ledger.book(shares("a", 30, "b", 20, "c", 5, "d", 1), 2, 1000);
    Map<String, GroupLedger.Row> rows = byGroup(ledger.rows());
    assertThat(rows).containsOnlyKeys("a", "b", "other");
    assertThat(rows.get("a").watts()).isCloseTo(15, within(1e-9)); // 30 J over 2 s
    assertThat(rows.get("other").joules()).isCloseTo(6, within(1e-9));
    assertThat(rows.get("other").cpuSeconds()).isCloseTo(0.06, within(1e-9)); // 6 ticks
  }

  @Test
  void aGroupLeavingTheTopKeepsItsCounterFlatAndLosesItsPower() {
    GroupLedger ledger = new GroupLedger(1, 60_000, 0.01);
    ledger.book(shares("a", 10, "b", 1), 1, 1000);
    ledger.book(shares("a", 1, "b", 10), 1, 2000);
    Map<String, GroupLedger.Row> rows = byGroup(ledger.rows());
    assertThat(rows.get("a").joules())
        .isEqualTo(10); // the 1 J of the second interval went to other
    assertThat(rows.get("a").watts()).isNaN();
    assertThat(rows.get("b").joules()).isEqualTo(10);
    assertThat(rows.get("other").joules()).isEqualTo(2);
    ledger.book(shares("b", 1), 1, 62_001); // a's hold has passed
    assertThat(byGroup(ledger.rows())).containsOnlyKeys("b", "other");
  }

  @Test
  void seriesStayBoundedWhenTheTopChangesEveryInterval() {
    GroupLedger ledger = new GroupLedger(2, Long.MAX_VALUE, 0.01);
    for (int i = 0; i < 100; i++) { // a new pair of busiest processes every interval
      ledger.book(shares("p" + i, 10, "q" + i, 9, "old", 1), 1, i * 1000L);
      assertThat(ledger.rows().size()).isLessThanOrEqualTo(GroupLedger.HELD_PER_TOP * 2 + 1);
    }
    Map<String, GroupLedger.Row> rows = byGroup(ledger.rows());
    assertThat(rows).containsKeys("p99", "q99", "other").doesNotContainKey("p0");
  }

  @Test
  void countersNeverGoBackwardsAndAddUpToEverythingBooked() {
    Random random = new Random(7);
    GroupLedger ledger = new GroupLedger(3, Long.MAX_VALUE, 0.01);
    Map<String, Double> last = new HashMap<>();
    double booked = 0;
    for (int i = 0; i < 500; i++) {
      Map<String, GroupLedger.Share> shares = new HashMap<>();
      for (int g = 0; g < 8; g++) {
        if (random.nextBoolean()) {
          GroupLedger.Share s = new GroupLedger.Share(Container.HOST);
          s.joules = random.nextDouble() * 10;
          booked += s.joules;
          shares.put("g" + g, s);
        }
      }
      ledger.book(shares, 1, i * 1000L);
      double sum = 0;
      for (GroupLedger.Row r : ledger.rows()) {
        assertThat(r.joules()).isGreaterThanOrEqualTo(last.getOrDefault(r.group(), 0.0));
        last.put(r.group(), r.joules());
        sum += r.joules();
      }
      assertThat(sum).isCloseTo(booked, within(1e-6));
    }
  }

  private static Map<String, GroupLedger.Share> shares(Object... groupJoules) {
    Map<String, GroupLedger.Share> out = new HashMap<>();
    for (int i = 0; i < groupJoules.length; i += 2) {
      GroupLedger.Share s = new GroupLedger.Share(Container.HOST);
      s.joules = ((Number) groupJoules[i + 1]).doubleValue();
      s.ticks = ((Number) groupJoules[i + 1]).longValue();
      out.put((String) groupJoules[i], s);
    }
    return out;
  }

  private static Map<String, GroupLedger.Row> byGroup(List<GroupLedger.Row> rows) {
    Map<String, GroupLedger.Row> out = new HashMap<>();
    rows.forEach(r -> out.put(r.group(), r));
    return out;
  }
}
