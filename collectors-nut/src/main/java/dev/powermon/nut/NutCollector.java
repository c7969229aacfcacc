package dev.powermon.nut;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.Families;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MultiTargetCollector;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.Settings;
import dev.powermon.api.TargetNotAllowedException;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.HostPort;
import dev.powermon.net.MeterCovers;
import dev.powermon.net.ProbeAllowList;
import dev.powermon.net.TargetPoller;
import dev.powermon.net.TargetPoller.Outcome;
import dev.powermon.net.TrustedCertificates;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Polls every configured upsd in the background and answers scrapes from the latest poll. Each
 * UPS's watts go to the core as readings (which integrates them into energy); a upsd that fails
 * costs its own UPSes' series only, and they come back when it answers again.
 */
final class NutCollector implements MultiTargetCollector {
  private final NutSource source;
  private final double powerFactor;
  private final ProbeAllowList probeAllow;
  private final MeterCovers powers;
  private final UpsVariables.Problems problems;
  private final TargetPoller<List<UpsState>> poller;

  private NutCollector(CollectorContext context, NutSource source) {
    Settings s = context.settings();
    this.source = source;
    this.powerFactor = s.decimal(NutProvider.POWER_FACTOR);
    this.probeAllow =
        ProbeAllowList.parse("collectors.nut.probe-allow", s.strings(NutProvider.PROBE_ALLOW));
    this.powers = MeterCovers.parse("collectors.nut.powers", s.strings(NutProvider.POWERS));
    var parseProblems = context.problems();
    this.problems = parseProblems::problem;
    PowerReadings readings = context.powerReadings("nut", MeterClass.WALL);
    this.poller =
        new TargetPoller<>(
            "nut",
            (int) s.integer(NutProvider.POLL_THREADS),
            context,
            readings,
            this::poll,
            (target, upses, epochMillis) -> feed(readings, upses, epochMillis));
    for (String target : s.strings(NutProvider.TARGET)) {
      poller.add(HostPort.parse(target, NutProvider.DEFAULT_PORT));
    }
  }

  /**
   * Opens with the real upsd source and takes a first poll before returning, within its deadline.
   */
  static NutCollector open(CollectorContext context) {
    Settings s = context.settings();
    Path file = s.isSet(NutProvider.CREDENTIALS_FILE) ? s.path(NutProvider.CREDENTIALS_FILE) : null;
    String setting = "collectors.nut.credentials-file";
    if (file != null) {
      DeviceCredentials.read(
          setting, file); // a broken file fails the open with its one-line reason
    }
    SSLContext tls =
        s.bool(NutProvider.STARTTLS)
            ? TrustedCertificates.context(
                "collectors.nut.ca-file",
                s.isSet(NutProvider.CA_FILE) ? s.path(NutProvider.CA_FILE) : null)
            : null;
    return open(
        context,
        new UpsdSource(
            s.duration(NutProvider.TIMEOUT),
            () -> file == null ? null : DeviceCredentials.read(setting, file),
            tls));
  }

  static NutCollector open(CollectorContext context, NutSource source) {
    NutCollector collector = new NutCollector(context, source);
    collector.poller.start(context.scheduler(), context.settings().duration(NutProvider.INTERVAL));
    return collector;
  }

  private List<UpsState> poll(HostPort target) throws IOException {
    List<UpsState> out = new ArrayList<>();
    for (UpsReading reading : source.read(target)) {
      out.add(UpsState.parse(reading, target, powerFactor, problems));
    }
    return out;
  }

  /** Each UPS's watts to the core; a UPS with nothing to go on simply has no power series. */
  private static Set<String> feed(PowerReadings readings, List<UpsState> upses, long epochMillis) {
    Set<String> fed = new HashSet<>();
    for (UpsState ups : upses) {
      ups.power()
          .ifPresent(
              p -> {
                readings.watts(
                    ups.ups(), PowerFamilies.TOTAL_DOMAIN, Labels.EMPTY, epochMillis, p.watts());
                fed.add(ups.ups());
              });
    }
    return fed;
  }

  @Override
  public MetricSnapshots collect() {
    return poller.snapshots(NutFamilies.ALL, this::add);
  }

  @Override
  public MetricSnapshots collectTarget(String target) throws TargetNotAllowedException {
    return poller.probeSnapshots(
        target, NutProvider.DEFAULT_PORT, probeAllow, NutFamilies.ALL, this::add);
  }

  /** One probe line per UPS: name, model, status, watts and how they were found, battery. */
  @Override
  public List<String> summary() {
    return poller.summary(
        outcome ->
            outcome.reading().stream()
                .map(
                    ups -> {
                      String power =
                          ups.power()
                              .map(p -> String.format("%.1f W (%s)", p.watts(), p.method()))
                              .orElse("no power reading");
                      String status = ups.status() == null ? "?" : String.join(" ", ups.status());
                      String battery =
                          ups.batteryCharge()
                              .map(c -> "battery " + Math.round(c * 100) + " %")
                              .orElse("");
                      return String.join("  ", ups.ups(), ups.model(), status, power, battery)
                          .strip();
                    })
                .toList());
  }

  private void add(Families out, Outcome<List<UpsState>> outcome) {
    out.gauge(
        NutFamilies.SCRAPE_SUCCESS,
        Labels.of("target", outcome.target().label()),
        outcome.ok() ? 1 : 0);
    if (outcome.ok()) {
      for (UpsState ups : outcome.reading()) {
        NutSeries.add(out, ups);
        String host = powers.hostOf(ups.ups(), ups.ups().substring(0, ups.ups().lastIndexOf('@')));
        if (host != null && ups.power().isPresent()) {
          out.gauge(
              MeterCovers.SPEC,
              MeterCovers.labels("nut", ups.ups(), PowerFamilies.TOTAL_DOMAIN, host),
              1);
        }
      }
    }
  }

  @Override
  public void close() {
    poller.close();
  }
}
