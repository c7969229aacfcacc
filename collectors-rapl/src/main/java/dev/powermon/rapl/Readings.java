package dev.powermon.rapl;

import java.util.List;
import java.util.Map;

/**
 * What the sampler last saw, immutable, handed to every scrape.
 *
 * @param zones the kept zones with their accumulated energy
 * @param dropped the zones left out as duplicates
 * @param totalUj energy of the {@code domain="total"} series (psys, else packages + dram),
 *     microjoules
 * @param totalFresh whether every part of the total was read at this sample; when not, the total is
 *     withheld rather than served short
 * @param wraps counter wraps by zone id
 * @param drops dropped samples by zone id and reason
 * @param readErrors failed reads of the counters by zone id ("" for the powercap directory) and
 *     reason
 * @param shortestWrapSeconds how soon the fastest-wrapping zone wraps at its current power; NaN if
 *     unknown
 * @param intervalSeconds the sampling interval in use after this sample
 * @param failure why nothing can be served (the operator's message), or null
 */
record Readings(
    List<ZoneReading> zones,
    List<Deduplicator.Dropped> dropped,
    long totalUj,
    boolean totalFresh,
    Map<String, Long> wraps,
    Map<ZoneReason, Long> drops,
    Map<ZoneReason, Long> readErrors,
    double shortestWrapSeconds,
    double intervalSeconds,
    String failure) {

  static final Readings NONE =
      new Readings(
          List.of(),
          List.of(),
          0,
          false,
          Map.of(),
          Map.of(),
          Map.of(),
          Double.NaN,
          Double.NaN,
          "not sampled yet");

  /**
   * A kept zone: energy since start, and whether its last read worked (when not, its series are
   * withheld).
   */
  record ZoneReading(Zone zone, long accumulatedUj, boolean ok) {}

  /** A counter key: zone id and reason label. */
  record ZoneReason(String zone, String reason) {}
}
