package dev.powermon.kasa;

import dev.powermon.api.CounterLedger;
import java.util.HashMap;
import java.util.Map;

/**
 * A strip's energy total for {@code domain="total"}, kept per outlet with the shared {@link
 * CounterLedger} and summed, so that one outlet's counter reset adds that outlet's energy since the
 * reset instead of making the strip's sum look like a reset of every outlet.
 */
final class StripEnergy {
  private final Map<String, CounterLedger> outlets =
      new HashMap<>(); // "device/outlet id" -> ledger

  /**
   * Records a strip's poll and returns its total in joules, or null when an outlet's counter is
   * missing or unusable (a total without it would be counted short).
   *
   * @param device the strip's series label
   */
  synchronized Double record(String device, DeviceReading reading) {
    double total = 0;
    boolean complete = reading.info().outletsComplete();
    for (DeviceReading.OutletReading outlet : reading.outlets()) {
      Double joules = outlet.realtime() == null ? null : outlet.realtime().joules();
      if (joules == null) {
        complete = false;
        continue;
      }
      total +=
          outlets
              .computeIfAbsent(device + "/" + outlet.outlet().id(), k -> new CounterLedger())
              .add(joules);
    }
    return complete && !reading.outlets().isEmpty() ? total : null;
  }

  /** Drops the ledgers of a strip that is no longer polled. */
  synchronized void forget(String device) {
    outlets.keySet().removeIf(key -> key.startsWith(device + "/"));
  }
}
