package dev.powermon.rapl;

import java.io.IOException;
import java.util.List;

/** Where zones and their raw counters come from: powercap sysfs, or MSRs as a fallback. */
interface EnergySource {

  /**
   * The zones present now.
   *
   * @throws IOException when the source itself is missing or unreadable (message says what to do)
   */
  List<Zone> discover() throws IOException;

  /** The zone's raw counter in microjoules, as the hardware wraps it. */
  long read(Zone zone) throws IOException;

  /**
   * The zone's range read again now, microjoules, or {@link Zone#UNKNOWN_RANGE} when it cannot be;
   * called when a reading goes backwards or above the range known so far.
   */
  default long range(Zone zone) {
    return zone.maxRangeUj();
  }

  /** The operator's message for a failed read of {@code zone}: cause, then fix. */
  default String explain(Zone zone, IOException e) {
    return Hints.readFailed(zone.counter(), ReadError.of(e), e.getMessage());
  }

  /** Whether zones may repeat one another (powercap) and need {@link Deduplicator}. */
  boolean needsDeduplication();
}
