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
 * @param totalWatts its power over the last window; NaN when any part of it is unknown
 * @param totalFresh whether every part of the total was read at this sample; when not, the total is
 *     withheld rather than served short
 * @param wraps counter wraps by zone id
 * @param drops dropped samples by zone id and reason
 * @param readErrors failed reads of the counters by zone id ("" for the powercap directory) and
 *     reason
 * @param attributeProblems unusable zone attributes, by zone, file and reason
 * @param shortestWrapSeconds how soon the fastest-wrapping zone wraps at its current power; NaN if
 *     unknown
 * @param intervalSeconds the sampling interval in use after this sample
 * @param freshNanos monotonic time of the last sample that read at least one zone; {@link
 *     Long#MIN_VALUE} before any did
 * @param failure why nothing can be served (the operator's message), or null
 */
record Readings(
    List<ZoneReading> zones,
    List<Deduplicator.Dropped> dropped,
    long totalUj,
    double totalWatts,
    boolean totalFresh,
    Map<String, Long> wraps,
    Map<ZoneReason, Long> drops,
    Map<ZoneReason, Long> readErrors,
    Map<AttributeProblem, Long> attributeProblems,
    double shortestWrapSeconds,
    double intervalSeconds,
    long freshNanos,
    String failure) {

  static final Readings NONE =
      new Readings(
          List.of(),
          List.of(),
          0,
          Double.NaN,
          false,
          Map.of(),
          Map.of(),
          Map.of(),
          Map.of(),
          Double.NaN,
          Double.NaN,
          Long.MIN_VALUE,
          "not sampled yet");

  /**
   * A kept zone: energy since start, power over the last window (NaN when unknown), whether its
   * last read worked (when not, its series are withheld).
   */
  record ZoneReading(Zone zone, long accumulatedUj, double watts, boolean ok) {}

  /** A counter key: zone id and reason label. */
  record ZoneReason(String zone, String reason) {}

  /** A counter key: zone id, the attribute file ({@code name}…) and what was wrong with it. */
  record AttributeProblem(String zone, String file, String reason) {}
}
