package dev.powermon.shelly;

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
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Polls every configured Shelly in the background and answers scrapes from the latest poll. Each
 * channel's power and the device's own energy counter go to the core as readings (the core keeps
 * the energy monotonic across the device's reboots); {@code domain="total"} is the sum of the
 * channels.
 */
final class ShellyCollector implements MultiTargetCollector {
  private final ProbeAllowList probeAllow;
  private final MeterCovers powers;
  private final TargetPoller<ShellyReading> poller;
  private ShellyDiscovery discovery;

  private ShellyCollector(CollectorContext context, ShellySource source) {
    Settings s = context.settings();
    this.probeAllow =
        ProbeAllowList.parse(
            "collectors.shelly.probe-allow", s.strings(ShellyProvider.PROBE_ALLOW));
    this.powers = MeterCovers.parse("collectors.shelly.powers", s.strings(ShellyProvider.POWERS));
    PowerReadings readings = context.powerReadings("shelly", MeterClass.WALL);
    this.poller =
        new TargetPoller<>(
            "shelly",
            (int) s.integer(ShellyProvider.POLL_THREADS),
            context,
            readings,
            source::read,
            (target, reading, epochMillis) -> feed(readings, reading, epochMillis));
    for (String target : s.strings(ShellyProvider.TARGET)) {
      poller.add(HostPort.parse(target, ShellyProvider.DEFAULT_PORT));
    }
  }

  static ShellyCollector open(CollectorContext context) throws IOException {
    Settings s = context.settings();
    Path file =
        s.isSet(ShellyProvider.CREDENTIALS_FILE) ? s.path(ShellyProvider.CREDENTIALS_FILE) : null;
    String setting = "collectors.shelly.credentials-file";
    if (file != null) {
      DeviceCredentials.read(
          setting, file); // a broken file fails the open with its one-line reason
    }
    ShellySource source =
        new HttpShellySource(
            s.duration(ShellyProvider.TIMEOUT),
            () -> file == null ? null : DeviceCredentials.read(setting, file),
            new StatusParser(new Fields(context.problems())));
    return open(context, source);
  }

  static ShellyCollector open(CollectorContext context, ShellySource source) throws IOException {
    ShellyCollector collector = new ShellyCollector(context, source);
    Settings s = context.settings();
    if (s.bool(ShellyProvider.DISCOVERY)) {
      InetAddress on =
          s.isSet(ShellyProvider.DISCOVERY_ADDRESS)
              ? InetAddress.getByName(s.string(ShellyProvider.DISCOVERY_ADDRESS))
              : null;
      collector.discovery =
          ShellyDiscovery.start(on, collector.poller::add, new StateLog(context.logger()));
    }
    collector.poller.start(
        context.scheduler(), context.settings().duration(ShellyProvider.INTERVAL));
    return collector;
  }

  /**
   * Each channel's power (and counter, where the device keeps one) under its own domain, and their
   * sum as the device's total. The total's energy is the sum of the channels' counters only when
   * every channel has one; otherwise the core integrates the total's power.
   */
  private static Set<String> feed(PowerReadings readings, ShellyReading reading, long epochMillis) {
    String device = reading.identity().device();
    double totalWatts = 0;
    double totalJoules = 0;
    boolean everyCounter = true;
    int powered = 0;
    for (Channel c : reading.channels()) {
      if (c.watts().isEmpty()) {
        continue;
      }
      powered++;
      totalWatts += c.watts().get();
      if (c.energyJoules().isPresent()) {
        totalJoules += c.energyJoules().get();
        readings.wattsAndJoules(
            device, c.name(), Labels.EMPTY, epochMillis, c.watts().get(), c.energyJoules().get());
      } else {
        everyCounter = false;
        readings.watts(device, c.name(), Labels.EMPTY, epochMillis, c.watts().get());
      }
    }
    if (powered == 0) {
      return Set.of();
    }
    readings.reading(
        device,
        PowerFamilies.TOTAL_DOMAIN,
        Labels.EMPTY,
        epochMillis,
        totalWatts,
        everyCounter ? totalJoules : Double.NaN);
    return Set.of(device);
  }

  @Override
  public MetricSnapshots collect() {
    return poller.snapshots(ShellyFamilies.ALL, this::add);
  }

  @Override
  public MetricSnapshots collectTarget(String target) throws TargetNotAllowedException {
    return poller.probeSnapshots(
        target, ShellyProvider.DEFAULT_PORT, probeAllow, ShellyFamilies.ALL, this::add);
  }

  /** One probe line per device: id, model, generation, total watts and channels. */
  @Override
  public List<String> summary() {
    return poller.summary(
        outcome -> {
          ShellyIdentity id = outcome.reading().identity();
          double watts =
              outcome.reading().channels().stream()
                  .flatMap(c -> c.watts().stream())
                  .mapToDouble(d -> d)
                  .sum();
          return List.of(
              String.format(
                  "%s  %s  Gen%d  %s  %.1f W  %d channel(s)",
                  id.device(),
                  id.model(),
                  id.generation(),
                  outcome.target().label(),
                  watts,
                  outcome.reading().channels().size()));
        });
  }

  private void add(Families out, Outcome<ShellyReading> outcome) {
    out.gauge(
        ShellyFamilies.SCRAPE_SUCCESS,
        Labels.of("target", outcome.target().label()),
        outcome.ok() ? 1 : 0);
    if (!outcome.ok()) {
      return;
    }
    ShellyIdentity id = outcome.reading().identity();
    out.info(
        ShellyFamilies.DEVICE_INFO,
        Labels.of(
            "target",
            outcome.target().label(),
            "device",
            id.device(),
            "generation",
            Integer.toString(id.generation()),
            "model",
            id.model(),
            "mac",
            id.mac(),
            "firmware",
            id.firmware()));
    String host = powers.hostOf(id.device(), outcome.target().label());
    if (host != null
        && outcome.reading().channels().stream().anyMatch(c -> c.watts().isPresent())) {
      out.gauge(
          MeterCovers.SPEC,
          MeterCovers.labels("shelly", id.device(), PowerFamilies.TOTAL_DOMAIN, host),
          1);
    }
    for (Channel c : outcome.reading().channels()) {
      Labels labels = Labels.of("device", id.device(), "channel", c.name());
      gauge(out, ShellyFamilies.POWER, labels, c.watts());
      gauge(out, ShellyFamilies.VOLTAGE, labels, c.voltage());
      gauge(out, ShellyFamilies.CURRENT, labels, c.current());
      gauge(out, ShellyFamilies.FREQUENCY, labels, c.frequency());
      gauge(
          out,
          ShellyFamilies.POWER_FACTOR,
          labels,
          c.powerFactor().filter(pf -> pf >= -1 && pf <= 1));
      c.returnedJoules().ifPresent(j -> out.counter(ShellyFamilies.RETURNED_ENERGY, labels, j));
      c.relayOn().ifPresent(on -> out.gauge(ShellyFamilies.RELAY, labels, on ? 1 : 0));
    }
  }

  private static void gauge(Families out, MetricSpec spec, Labels labels, Optional<Double> value) {
    value.ifPresent(v -> out.gauge(spec, labels, v));
  }

  @Override
  public void close() {
    if (discovery != null) {
      discovery.close();
    }
    poller.close();
  }
}
