package dev.powermon.tasmota;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.Families;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.MultiTargetCollector;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.Settings;
import dev.powermon.api.StateLog;
import dev.powermon.api.TargetNotAllowedException;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.HostPort;
import dev.powermon.net.MeterCovers;
import dev.powermon.net.ProbeAllowList;
import dev.powermon.net.TargetPoller;
import dev.powermon.net.TargetPoller.Outcome;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads Tasmota plugs two ways at once: HTTP targets polled in the background, and every plug that
 * publishes to the MQTT broker, one connection for all. Power and the plug's own {@code Total}
 * counter go to the core as readings; an MQTT plug that stops publishing drops out once its last
 * reading is older than {@code stale-after}.
 */
final class TasmotaCollector implements MultiTargetCollector {
  private final ProbeAllowList probeAllow;
  private final MeterCovers powers;
  private final PowerReadings readings;
  private final TargetPoller<TasmotaReading> poller;
  private final Clock clock;
  private final long staleAfterMillis;
  private final Set<String> staleForgotten = ConcurrentHashMap.newKeySet();
  private MqttTelemetry telemetry;

  private TasmotaCollector(CollectorContext context, TasmotaSource source) {
    Settings s = context.settings();
    this.clock = context.clock();
    this.staleAfterMillis = s.duration(TasmotaProvider.STALE_AFTER).toMillis();
    this.probeAllow =
        ProbeAllowList.parse(
            "collectors.tasmota.probe-allow", s.strings(TasmotaProvider.PROBE_ALLOW));
    this.powers = MeterCovers.parse("collectors.tasmota.powers", s.strings(TasmotaProvider.POWERS));
    this.readings = context.powerReadings("tasmota", MeterClass.WALL);
    this.poller =
        new TargetPoller<>(
            "tasmota",
            (int) s.integer(TasmotaProvider.POLL_THREADS),
            context,
            readings,
            source::read,
            (target, reading, epochMillis) -> feed(readings, target.label(), reading, epochMillis));
    for (String target : s.strings(TasmotaProvider.TARGET)) {
      poller.add(HostPort.parse(target, TasmotaProvider.DEFAULT_PORT));
    }
  }

  static TasmotaCollector open(CollectorContext context) throws IOException {
    Settings s = context.settings();
    EnergyParser parser = new EnergyParser(context.problems());
    Path web =
        s.isSet(TasmotaProvider.CREDENTIALS_FILE) ? s.path(TasmotaProvider.CREDENTIALS_FILE) : null;
    String setting = "collectors.tasmota.credentials-file";
    if (web != null) {
      DeviceCredentials.read(setting, web); // a broken file fails the open with its one-line reason
    }
    TasmotaCollector collector =
        new TasmotaCollector(
            context,
            new HttpTasmotaSource(
                s.duration(TasmotaProvider.TIMEOUT),
                () -> web == null ? null : DeviceCredentials.read(setting, web),
                parser));
    if (s.isSet(TasmotaProvider.MQTT_BROKER)) {
      DeviceCredentials broker =
          s.isSet(TasmotaProvider.MQTT_CREDENTIALS_FILE)
              ? DeviceCredentials.read(
                  "collectors.tasmota.mqtt-credentials-file",
                  s.path(TasmotaProvider.MQTT_CREDENTIALS_FILE))
              : null;
      collector.telemetry =
          MqttTelemetry.connect(
              s.string(TasmotaProvider.MQTT_BROKER),
              s.string(TasmotaProvider.MQTT_TOPIC),
              broker,
              s.duration(TasmotaProvider.TIMEOUT),
              parser,
              context.clock(),
              new StateLog(context.logger()),
              (device, received) -> collector.received(device, received));
    }
    collector.poller.start(context.scheduler(), s.duration(TasmotaProvider.INTERVAL));
    return collector;
  }

  private void received(String device, MqttTelemetry.Received received) {
    staleForgotten.remove(device);
    feed(readings, device, received.reading(), received.epochMillis());
  }

  /**
   * The plug's total power (the sum of its channels) with its own Total counter, and each channel
   * on multi-channel meters. The plug's Total restarts when it is reset or reflashed; the core
   * keeps energy monotonic across that.
   */
  private static Set<String> feed(
      PowerReadings readings, String device, TasmotaReading reading, long epochMillis) {
    List<TasmotaReading.Channel> powered =
        reading.channels().stream().filter(c -> c.watts().isPresent()).toList();
    if (powered.size() > 1) {
      for (TasmotaReading.Channel c : powered) {
        readings.watts(device, "channel" + c.index(), Labels.EMPTY, epochMillis, c.watts().get());
      }
    }
    readings.reading(
        device,
        PowerFamilies.TOTAL_DOMAIN,
        Labels.EMPTY,
        epochMillis,
        watts(reading),
        reading.totalJoules().orElse(Double.NaN));
    return Set.of(device);
  }

  @Override
  public MetricSnapshots collect() {
    Families out = new Families(TasmotaFamilies.ALL);
    poller.outcomes().forEach(outcome -> add(out, outcome));
    if (telemetry != null) {
      addMqtt(out);
    }
    return out.snapshots();
  }

  /** Every plug that published: its series while fresh; once stale, only its success 0 and age. */
  private void addMqtt(Families out) {
    out.gauge(TasmotaFamilies.MQTT_CONNECTED, Labels.EMPTY, telemetry.connected() ? 1 : 0);
    long now = clock.millis();
    for (Map.Entry<String, MqttTelemetry.Received> e : telemetry.latest().entrySet()) {
      String device = e.getKey();
      boolean fresh = now - e.getValue().epochMillis() <= staleAfterMillis;
      Labels labels = Labels.of("device", device);
      out.gauge(TasmotaFamilies.SCRAPE_SUCCESS, labels, fresh ? 1 : 0);
      out.gauge(TasmotaFamilies.LAST_MESSAGE, labels, e.getValue().epochMillis() / 1000.0);
      if (fresh) {
        series(out, device, e.getValue().reading());
      } else if (staleForgotten.add(device)) {
        readings.forget(device);
      }
    }
  }

  @Override
  public MetricSnapshots collectTarget(String target) throws TargetNotAllowedException {
    return poller.probeSnapshots(
        target, TasmotaProvider.DEFAULT_PORT, probeAllow, TasmotaFamilies.ALL, this::add);
  }

  /** One probe line per plug: name, how it is read, watts. */
  @Override
  public List<String> summary() {
    List<String> lines =
        new ArrayList<>(
            poller.summary(
                o ->
                    List.of(
                        String.format(
                            "%s  http  %.1f W", o.target().label(), watts(o.reading())))));
    if (telemetry != null) {
      telemetry
          .latest()
          .forEach(
              (device, r) ->
                  lines.add(String.format("%s  mqtt  %.1f W", device, watts(r.reading()))));
    }
    return lines;
  }

  private static double watts(TasmotaReading reading) {
    return reading.channels().stream().flatMap(c -> c.watts().stream()).mapToDouble(d -> d).sum();
  }

  private void add(Families out, Outcome<TasmotaReading> outcome) {
    Labels labels = Labels.of("device", outcome.target().label());
    out.gauge(TasmotaFamilies.SCRAPE_SUCCESS, labels, outcome.ok() ? 1 : 0);
    if (outcome.ok()) {
      series(out, outcome.target().label(), outcome.reading());
    }
  }

  private void series(Families out, String device, TasmotaReading reading) {
    String host = powers.hostOf(device);
    if (host != null && reading.channels().stream().anyMatch(c -> c.watts().isPresent())) {
      out.gauge(
          MeterCovers.SPEC,
          MeterCovers.labels("tasmota", device, PowerFamilies.TOTAL_DOMAIN, host),
          1);
    }
    for (TasmotaReading.Channel c : reading.channels()) {
      Labels labels = Labels.of("device", device, "channel", Integer.toString(c.index()));
      gauge(out, TasmotaFamilies.POWER, labels, c.watts());
      gauge(out, TasmotaFamilies.APPARENT_POWER, labels, c.apparentPower());
      gauge(out, TasmotaFamilies.REACTIVE_POWER, labels, c.reactivePower());
      gauge(out, TasmotaFamilies.POWER_FACTOR, labels, c.powerFactor());
      gauge(out, TasmotaFamilies.VOLTAGE, labels, c.voltage());
      gauge(out, TasmotaFamilies.CURRENT, labels, c.current());
    }
    gauge(out, TasmotaFamilies.TODAY, Labels.of("device", device), reading.todayJoules());
    gauge(out, TasmotaFamilies.YESTERDAY, Labels.of("device", device), reading.yesterdayJoules());
  }

  private static void gauge(Families out, MetricSpec spec, Labels labels, Optional<Double> value) {
    value.ifPresent(v -> out.gauge(spec, labels, v));
  }

  @Override
  public void close() {
    poller.close();
    if (telemetry != null) {
      telemetry.close();
    }
  }
}
