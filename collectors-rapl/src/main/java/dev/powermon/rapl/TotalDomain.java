package dev.powermon.rapl;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which kept zones make up {@code domain="total"}: psys when the platform has it (it already covers
 * the package, DRAM and the rest of the SoC, so nothing is added to it), else every package (or
 * package die) plus every DRAM zone. Cores and uncore are inside the package and never added.
 */
final class TotalDomain {
  private TotalDomain() {}

  static Set<String> parts(List<Zone> kept) {
    Set<String> psys = ids(kept, Set.of(ZoneName.PSYS));
    return psys.isEmpty() ? ids(kept, Set.of(ZoneName.PACKAGE, ZoneName.DRAM)) : psys;
  }

  private static Set<String> ids(List<Zone> zones, Set<String> domains) {
    return zones.stream()
        .filter(z -> domains.contains(z.name().domain()))
        .map(Zone::id)
        .collect(Collectors.toUnmodifiableSet());
  }
}
