package dev.powermon.kasa;

import static dev.powermon.api.LabelValues.fromDevice;

import dev.powermon.api.PowerFamilies;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns device states into the exposition. A failed device contributes only
 * {@code kasa_scrape_success 0}; its last readings are not served as if current.
 */
final class KasaSnapshots {
  private KasaSnapshots() {}

  /**
   * @param cycleSeconds duration of the last poll cycle, null before the first
   * @param known devices known to the collector, null to omit (single-target probes)
   * @param covers the hosts plugs and outlets feed ({@code powers})
   * @param problems unusable fields counted so far, per field path
   */
  static MetricSnapshots build(
      List<DeviceState> states, Double cycleSeconds, Integer known, MeterCovers covers, Map<String, Long> problems) {
    FamilyBuffer buffer = new FamilyBuffer();
    PowerFamilies power = new PowerFamilies("kasa");
    Set<String> ids = new HashSet<>();
    for (DeviceState state : states) {
      String id = fromDevice(state.deviceId());
      if (!ids.add(id)) {
        id = fromDevice(state.deviceId() + "@" + state.target()); // two addresses claim one id: keep both
        ids.add(id);
      }
      buffer.gauge(KasaFamilies.SUCCESS, Labels.of("device_id", id), state.ok() ? 1.0 : 0.0);
      if (state.ok()) {
        device(buffer, power, id, state, covers);
      }
    }
    problems.forEach((field, count) ->
        buffer.counter(KasaFamilies.PARSE_PROBLEMS, Labels.of("collector", "kasa", "field", field), count.doubleValue()));
    buffer.gauge(KasaFamilies.DURATION, Labels.EMPTY, cycleSeconds);
    buffer.gauge(KasaFamilies.DISCOVERED, Labels.EMPTY, known == null ? null : known.doubleValue());
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    buffer.snapshots().forEach(out::metricSnapshot);
    power.snapshots().forEach(out::metricSnapshot);
    return out.build();
  }

  private static void device(FamilyBuffer b, PowerFamilies power, String id, DeviceState state, MeterCovers covers) {
    DeviceReading r = state.reading();
    SysInfo i = r.info();
    Labels dev =
        Labels.of("device_id", id, "alias", fromDevice(i.alias()), "model", fromDevice(i.model()), "ip", state.ip());
    b.info(KasaFamilies.INFO, dev.merge(
        Labels.of("hw_ver", fromDevice(i.hwVer()), "sw_ver", fromDevice(i.swVer()), "mac", fromDevice(i.mac()))));
    b.gauge(KasaFamilies.RELAY, dev, i.relayState());
    b.gauge(KasaFamilies.LED_OFF, dev, i.ledOff());
    b.gauge(KasaFamilies.RSSI, dev, i.rssi());
    b.gauge(KasaFamilies.ON_TIME, dev, i.onTimeSeconds());
    b.gauge(KasaFamilies.UPDATING, dev, i.updating());
    b.gauge(KasaFamilies.CLOUD, dev, r.cloudConnected());
    if (r.total() != null) {
      b.gauge(KasaFamilies.VOLTS, dev, r.total().volts());
      b.gauge(KasaFamilies.AMPS, dev, r.total().amps());
      b.gauge(KasaFamilies.WATTS, dev, r.total().watts());
      b.counter(KasaFamilies.ENERGY, dev, r.total().joules());
      unified(b, power, state, id, PowerFamilies.TOTAL_DOMAIN, r.total().watts(),
          covers.hostOf(i.deviceId(), i.alias(), state.ip()));
    }
    List<String> domains = OutletDomains.of(i.outlets());
    for (int n = 0; n < r.outlets().size(); n++) {
      DeviceReading.OutletReading o = r.outlets().get(n);
      Labels plug = dev.merge(Labels.of("plug_id", fromDevice(o.outlet().id()),
          "plug_alias", fromDevice(o.outlet().alias()), "plug_slot", String.valueOf(o.outlet().slot())));
      b.gauge(KasaFamilies.PLUG_RELAY, plug, o.outlet().state());
      b.gauge(KasaFamilies.PLUG_ON_TIME, plug, o.outlet().onTimeSeconds());
      if (o.realtime() != null) {
        b.gauge(KasaFamilies.PLUG_VOLTS, plug, o.realtime().volts());
        b.gauge(KasaFamilies.PLUG_AMPS, plug, o.realtime().amps());
        b.gauge(KasaFamilies.PLUG_WATTS, plug, o.realtime().watts());
        b.counter(KasaFamilies.PLUG_ENERGY, plug, o.realtime().joules());
        unified(b, power, state, id, domains.get(n), o.realtime().watts(),
            covers.hostOf(o.outlet().alias(), o.outlet().id()));
      }
    }
  }

  /**
   * The unified series of one meter, and its {@code powermon_meter_covers} when {@code host} is set
   * and the meter has a power reading (a meter without one covers nothing: the host's own total then
   * counts).
   */
  private static void unified(FamilyBuffer b, PowerFamilies power, DeviceState state, String id, String domain,
      Double watts, String host) {
    if (watts != null) {
      power.power(id, domain, watts, Labels.EMPTY);
      if (host != null) {
        b.gauge(KasaFamilies.COVERS, PowerFamilies.labels("kasa", id, domain, Labels.of("covers", fromDevice(host))), 1.0);
      }
    }
    Double joules = state.energyJoules().get(domain);
    if (joules != null) {
      power.energy(id, domain, joules, Labels.EMPTY);
    }
  }
}
