package dev.powermon.kasa;

import static dev.powermon.api.LabelValues.fromDevice;

import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.net.MeterCovers;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * Turns device states into the collector's own families; the unified power families come from the
 * core, built from the readings the poller handed on. A failed device contributes only {@code
 * kasa_scrape_success 0}; its last readings are not served as if current.
 */
final class KasaSnapshots {
  private KasaSnapshots() {}

  /**
   * @param cycleSeconds duration of the last poll cycle, null before the first
   * @param known devices known to the collector, null to omit (single-target probes)
   * @param covers the hosts plugs and outlets feed ({@code powers})
   */
  static MetricSnapshots build(
      List<DeviceState> states, Double cycleSeconds, Integer known, MeterCovers covers) {
    Families out = new Families(KasaFamilies.ALL);
    for (DeviceState state : states) {
      out.gauge(KasaFamilies.SUCCESS, Labels.of("device_id", state.device()), state.ok() ? 1 : 0);
      if (state.ok()) {
        device(out, state, covers);
      }
    }
    if (cycleSeconds != null) {
      out.gauge(KasaFamilies.DURATION, Labels.EMPTY, cycleSeconds);
    }
    if (known != null) {
      out.gauge(KasaFamilies.DISCOVERED, Labels.EMPTY, known);
    }
    return out.snapshots();
  }

  private static void device(Families out, DeviceState state, MeterCovers covers) {
    DeviceReading r = state.reading();
    SysInfo i = r.info();
    String id = state.device();
    Labels dev =
        Labels.of(
            "device_id",
            id,
            "alias",
            fromDevice(i.alias()),
            "model",
            fromDevice(i.model()),
            "ip",
            state.ip());
    out.info(
        KasaFamilies.INFO,
        dev.merge(
            Labels.of(
                "hw_ver",
                fromDevice(i.hwVer()),
                "sw_ver",
                fromDevice(i.swVer()),
                "mac",
                fromDevice(i.mac()))));
    gauge(out, KasaFamilies.RELAY, dev, i.relayState());
    gauge(out, KasaFamilies.LED_OFF, dev, i.ledOff());
    gauge(out, KasaFamilies.RSSI, dev, i.rssi());
    gauge(out, KasaFamilies.ON_TIME, dev, i.onTimeSeconds());
    gauge(out, KasaFamilies.UPDATING, dev, i.updating());
    gauge(out, KasaFamilies.CLOUD, dev, r.cloudConnected());
    if (r.total() != null) {
      meter(
          out,
          KasaFamilies.VOLTS,
          KasaFamilies.AMPS,
          KasaFamilies.WATTS,
          KasaFamilies.ENERGY,
          dev,
          r.total());
      covers(
          out,
          id,
          PowerFamilies.TOTAL_DOMAIN,
          r.total(),
          covers.hostOf(i.deviceId(), i.alias(), state.ip()));
    }
    List<String> domains = OutletDomains.of(i.outlets());
    for (int n = 0; n < r.outlets().size(); n++) {
      DeviceReading.OutletReading o = r.outlets().get(n);
      Labels plug =
          dev.merge(
              Labels.of(
                  "plug_id",
                  fromDevice(o.outlet().id()),
                  "plug_alias",
                  fromDevice(o.outlet().alias()),
                  "plug_slot",
                  String.valueOf(o.outlet().slot())));
      gauge(out, KasaFamilies.PLUG_RELAY, plug, o.outlet().state());
      gauge(out, KasaFamilies.PLUG_ON_TIME, plug, o.outlet().onTimeSeconds());
      if (o.realtime() != null) {
        meter(
            out,
            KasaFamilies.PLUG_VOLTS,
            KasaFamilies.PLUG_AMPS,
            KasaFamilies.PLUG_WATTS,
            KasaFamilies.PLUG_ENERGY,
            plug,
            o.realtime());
        covers(
            out,
            id,
            domains.get(n),
            o.realtime(),
            covers.hostOf(o.outlet().alias(), o.outlet().id()));
      }
    }
  }

  private static void meter(
      Families out,
      MetricSpec volts,
      MetricSpec amps,
      MetricSpec watts,
      MetricSpec energy,
      Labels labels,
      Realtime r) {
    gauge(out, volts, labels, r.volts());
    gauge(out, amps, labels, r.amps());
    gauge(out, watts, labels, r.watts());
    if (r.joules() != null) {
      out.counter(energy, labels, r.joules());
    }
  }

  /**
   * {@code powermon_meter_covers} for a meter that feeds {@code host} and has a power reading (the
   * poller hands on only those; a meter without one covers nothing, so the host's own total
   * counts).
   */
  private static void covers(Families out, String device, String domain, Realtime r, String host) {
    if (host != null && r.watts() != null) {
      out.gauge(KasaFamilies.COVERS, MeterCovers.labels("kasa", device, domain, host), 1);
    }
  }

  /** A reported value; null means "not reported" and adds nothing. */
  private static void gauge(Families out, MetricSpec spec, Labels labels, Double value) {
    if (value != null) {
      out.gauge(spec, labels, value);
    }
  }
}
