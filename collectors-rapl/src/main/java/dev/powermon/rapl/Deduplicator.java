package dev.powermon.rapl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps one zone per (socket, die, domain), so that summing the energy family never counts a joule
 * twice.
 *
 * <ul>
 *   <li>The same domain under several control types (int340x's {@code intel-rapl-mmio:0} repeats
 *       {@code package-0}; TPMI parts register {@code intel-rapl-tpmi}): {@code intel-rapl} wins,
 *       then TPMI, then MMIO, then anything newer.
 *   <li>The AMD per-CCD bug (6.10-era kernels): every {@code package-S-die-C} zone of a socket
 *       reports the same per-socket counter. When all die zones of a socket read the same value,
 *       the first is kept as the socket's package (without a die label) and the others are dropped.
 * </ul>
 */
final class Deduplicator {
  static final String DUPLICATE = "duplicate";
  static final String LOCKSTEP = "lockstep";

  private static final List<String> PREFERENCE =
      List.of("intel-rapl", "intel-rapl-tpmi", "intel-rapl-mmio");

  /** A zone left out, why, and the id of the zone kept in its place. */
  record Dropped(Zone zone, String reason, String keptId) {}

  /** The outcome: zones to export, in discovery order, and the ones left out. */
  record Selection(List<Zone> kept, List<Dropped> dropped) {
    static final Selection EMPTY = new Selection(List.of(), List.of());
  }

  private Deduplicator() {}

  /**
   * @param firstReadings raw counter values read at discovery, by zone id; unreadable zones absent
   */
  static Selection select(List<Zone> zones, Map<String, Long> firstReadings) {
    List<Dropped> dropped = new ArrayList<>();
    Map<String, String> lockstepKeeper = lockstepDuplicates(zones, firstReadings);
    List<Zone> relabelled = new ArrayList<>();
    for (Zone zone : zones) {
      String keeper = lockstepKeeper.get(topLevelId(zone.id()));
      if (keeper == null) {
        relabelled.add(zone);
      } else if (!keeper.equals(topLevelId(zone.id()))) {
        dropped.add(
            new Dropped(
                zone, LOCKSTEP, keeper + zone.id().substring(topLevelId(zone.id()).length())));
      } else {
        relabelled.add(zone.withName(zone.name().withoutDie()));
      }
    }
    Map<String, Zone> bestByKey = new LinkedHashMap<>();
    relabelled.stream()
        .sorted(
            Comparator.comparingInt(Deduplicator::rank)) // stable: id order within a control type
        .forEach(zone -> bestByKey.putIfAbsent(zone.seriesKey(), zone));
    Set<Zone> winners = Set.copyOf(bestByKey.values());
    List<Zone> kept = new ArrayList<>();
    for (Zone zone : relabelled) {
      if (winners.contains(zone)) {
        kept.add(zone);
      } else {
        dropped.add(new Dropped(zone, DUPLICATE, bestByKey.get(zone.seriesKey()).id()));
      }
    }
    return new Selection(List.copyOf(kept), List.copyOf(dropped));
  }

  /**
   * Top-level package-die zone id to the id kept for its socket, for sockets whose dies run in
   * lock-step.
   */
  private static Map<String, String> lockstepDuplicates(
      List<Zone> zones, Map<String, Long> firstReadings) {
    Map<String, List<Zone>> diesBySocket =
        zones.stream()
            .filter(z -> z.name().domain().equals(ZoneName.PACKAGE) && !z.name().die().isEmpty())
            .collect(
                Collectors.groupingBy(
                    z -> z.controlType() + '/' + z.name().socket(),
                    LinkedHashMap::new,
                    Collectors.toList()));
    Map<String, String> keeper = new HashMap<>();
    for (List<Zone> dies : diesBySocket.values()) {
      Long first = firstReadings.get(dies.get(0).id());
      boolean lockstep =
          dies.size() > 1
              && first != null
              && dies.stream().allMatch(z -> first.equals(firstReadings.get(z.id())));
      if (lockstep) {
        dies.forEach(z -> keeper.put(z.id(), dies.get(0).id()));
      }
    }
    return keeper;
  }

  /** {@code intel-rapl:3} for {@code intel-rapl:3:0}. */
  private static String topLevelId(String id) {
    int second = id.indexOf(':', id.indexOf(':') + 1);
    return second < 0 ? id : id.substring(0, second);
  }

  private static int rank(Zone zone) {
    int i = PREFERENCE.indexOf(zone.controlType());
    return i < 0 ? PREFERENCE.size() : i;
  }
}
