package dev.powermon.kasa;

import dev.powermon.api.LabelValues;
import dev.powermon.api.PowerFamilies;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code domain} label of each strip outlet in the {@code powermon_*} families: its alias,
 * unless that is empty, {@code total}, or already taken by another outlet, in which case {@code
 * outlet N} (N = slot + 1, suffixed if even that is taken) keeps the series unique.
 */
final class OutletDomains {
  private OutletDomains() {}

  static List<String> of(List<Outlet> outlets) {
    Set<String> taken = new HashSet<>();
    taken.add(PowerFamilies.TOTAL_DOMAIN);
    List<String> out = new ArrayList<>();
    for (Outlet outlet : outlets) {
      String name = LabelValues.fromDevice(outlet.alias()).trim();
      if (name.isEmpty() || !taken.add(name)) {
        String base = "outlet " + (outlet.slot() + 1);
        name = base;
        for (int n = 2; !taken.add(name); n++) {
          name = base + " (" + n + ")";
        }
      }
      out.add(name);
    }
    return out;
  }
}
