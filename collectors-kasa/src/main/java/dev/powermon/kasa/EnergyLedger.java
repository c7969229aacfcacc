package dev.powermon.kasa;

import dev.powermon.api.PowerFamilies;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a device's running energy total (Wh since its last reboot) into joules counted since the
 * exporter started, which never decrease: a total that drops means the device rebooted, and what it
 * counted since the reboot is added.
 */
final class EnergyLedger {
  private final Map<String, double[]> entries = new HashMap<>(); // key -> {last Wh, joules}

  /** Records a reading and returns the joules counted for {@code key} so far. */
  synchronized double record(String key, double wattHours) {
    double[] entry = entries.get(key);
    if (entry == null) {
      entries.put(key, new double[] {wattHours, 0});
      return 0;
    }
    double delta = wattHours >= entry[0] ? wattHours - entry[0] : wattHours;
    entry[0] = wattHours;
    entry[1] += delta * Realtime.JOULES_PER_WATT_HOUR;
    return entry[1];
  }

  /**
   * Records a poll and returns joules per {@code powermon_*} domain: {@code total} for a plug; for a
   * strip each outlet (by its {@link OutletDomains} name) and a total that is their sum, so that one
   * outlet's reboot-reset cannot make the total jump. The total is left out when an outlet's
   * counter is missing or unusable, rather than counted short.
   *
   * @param device the device's key in the ledger (its id)
   */
  Map<String, Double> record(String device, DeviceReading reading) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (reading.info().kind() == SysInfo.Kind.STRIP && reading.total() != null) {
      List<String> domains = OutletDomains.of(reading.info().outlets());
      double total = 0;
      boolean complete = reading.info().outletsComplete();
      for (int i = 0; i < reading.outlets().size(); i++) {
        DeviceReading.OutletReading outlet = reading.outlets().get(i);
        Double wh = outlet.realtime().wattHours();
        if (wh == null) {
          complete = false;
          continue;
        }
        double joules = record(device + "/" + outlet.outlet().id(), wh);
        out.put(domains.get(i), joules);
        total += joules;
      }
      if (complete) {
        out.put(PowerFamilies.TOTAL_DOMAIN, total);
      }
    } else if (reading.total() != null && reading.total().wattHours() != null) {
      out.put(PowerFamilies.TOTAL_DOMAIN, record(device, reading.total().wattHours()));
    }
    return out;
  }
}
