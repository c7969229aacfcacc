package dev.powermon.process;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The counters of one grouping ({@code group_by}). Each interval, the {@code top} groups by energy
 * get their own series and every other group's energy and CPU time go to one {@code other} series,
 * so the series count stays at most top + 1 plus those held (below) whatever the host runs. A
 * group's counters grow only by what was booked to it, so the counters of all series together
 * always add up to every joule shared out, and none goes backwards. A group that leaves the top
 * keeps its (flat) counters for {@code holdMillis}, so a group moving in and out of the top does
 * not restart at zero; after that, or when more than {@link #HELD_PER_TOP} × top series are held,
 * the longest out of the top is forgotten (should it come back, its series starts again from zero,
 * which Prometheus reads as a counter reset).
 */
final class GroupLedger {
  /**
   * Series kept per top place: with group-by process on a busy host a new top every interval would
   * otherwise hold thousands of series for the hold time.
   */
  static final int HELD_PER_TOP = 3;

  /** Where groups outside the top go. */
  static final String OTHER = "other";

  private final int top;
  private final long holdMillis;
  private final double secondsPerTick;
  private final Map<String, Account> accounts = new HashMap<>();

  GroupLedger(int top, long holdMillis, double secondsPerTick) {
    this.top = top;
    this.holdMillis = holdMillis;
    this.secondsPerTick = secondsPerTick;
    accounts.put(OTHER, new Account(OTHER, Container.HOST));
  }

  /** One group's share of one interval. */
  static final class Share {
    double joules;
    long ticks;
    final Container container;

    Share(Container container) {
      this.container = container;
    }
  }

  /** One exported series: {@code watts} is NaN for a group held but not in this interval's top. */
  record Row(String group, Container container, double watts, double joules, double cpuSeconds) {}

  /** Books one interval of {@code seconds} ending at {@code nowMillis}. */
  void book(Map<String, Share> shares, double seconds, long nowMillis) {
    List<Map.Entry<String, Share>> ranked = new ArrayList<>(shares.entrySet());
    ranked.sort(
        Comparator.comparingDouble((Map.Entry<String, Share> e) -> -e.getValue().joules)
            .thenComparing(Map.Entry::getKey));
    accounts.values().forEach(a -> a.watts = Double.NaN);
    Account other = accounts.get(OTHER);
    other.watts = 0;
    int shown = 0;
    for (Map.Entry<String, Share> e : ranked) {
      Share s = e.getValue();
      Account a;
      if (shown < top && !e.getKey().equals(OTHER)) {
        a = accounts.computeIfAbsent(e.getKey(), g -> new Account(g, s.container));
        a.watts = 0;
        a.lastShownMillis = nowMillis;
        shown++;
      } else {
        a = other;
      }
      a.joules += s.joules;
      a.ticks += s.ticks;
      a.watts += seconds > 0 ? s.joules / seconds : 0;
    }
    other.lastShownMillis = nowMillis;
    for (Iterator<Account> it = accounts.values().iterator(); it.hasNext(); ) {
      if (it.next().lastShownMillis < nowMillis - holdMillis) {
        it.remove();
      }
    }
    forgetBeyond(HELD_PER_TOP * top + 1);
  }

  /** Keeps at most {@code max} series (other included), forgetting those out of the top longest. */
  private void forgetBeyond(int max) {
    if (accounts.size() <= max) {
      return;
    }
    List<Account> byAge = new ArrayList<>(accounts.values());
    byAge.sort(Comparator.comparingLong(a -> a.lastShownMillis));
    for (Account a : byAge.subList(0, accounts.size() - max)) {
      accounts.remove(a.group);
    }
  }

  /** Every series, the largest counters first. */
  List<Row> rows() {
    List<Row> rows = new ArrayList<>(accounts.size());
    for (Account a : accounts.values()) {
      rows.add(new Row(a.group, a.container, a.watts, a.joules, a.ticks * secondsPerTick));
    }
    rows.sort(Comparator.comparingDouble((Row r) -> -r.joules()).thenComparing(Row::group));
    return rows;
  }

  private static final class Account {
    final String group;
    final Container container;
    double joules;
    long ticks;
    double watts = Double.NaN;
    long lastShownMillis;

    Account(String group, Container container) {
      this.group = group;
      this.container = container;
    }
  }
}
