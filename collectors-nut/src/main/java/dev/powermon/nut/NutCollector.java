package dev.powermon.nut;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.Families;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MultiTargetCollector;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.Settings;
import dev.powermon.api.StateLog;
import dev.powermon.api.TargetNotAllowedException;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.HostPort;
import dev.powermon.net.ProbeAllowList;
import dev.powermon.net.TargetPoller;
import dev.powermon.net.TargetPoller.Outcome;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Polls every configured upsd in the background and answers scrapes from the latest poll. Each UPS's
 * watts go to the core as readings (which integrates them into energy); a upsd that fails costs its
 * own UPSes' series only, and they come back when it answers again.
 */
final class NutCollector implements MultiTargetCollector {
  private final NutSource source;
  private final double powerFactor;
  private final ProbeAllowList probeAllow;
  private final TargetPoller<List<UpsState>> poller;
  private final PowerReadings readings;
  private final StateLog log;
  private final UpsVariables.Problems problems;
  private final Clock clock;
  /** For /probe: a one-off poll's problems are the operator's question, not the poller's state. */
  private static final UpsVariables.Problems SILENT = (name, why) -> {};
  /** Which UPS series each target fed, to withdraw them when the target stops answering. */
  private final Map<String, Set<String>> upsesByTarget = new ConcurrentHashMap<>();
  private ScheduledFuture<?> schedule;

  private NutCollector(CollectorContext context, NutSource source) {
    Settings s = context.settings();
    this.source = source;
    this.powerFactor = s.decimal(NutProvider.POWER_FACTOR);
    this.probeAllow = ProbeAllowList.parse("collectors.nut.probe-allow", s.strings(NutProvider.PROBE_ALLOW));
    this.clock = context.clock();
    this.readings = context.powerReadings("nut", MeterClass.WALL);
    this.log = new StateLog(context.logger());
    var parseProblems = context.problems();
    this.problems = parseProblems::problem;
    this.poller = new TargetPoller<>("nut", (int) s.integer(NutProvider.POLL_THREADS), clock, this::poll);
    for (String target : s.strings(NutProvider.TARGET)) {
      poller.add(HostPort.parse(target, NutProvider.DEFAULT_PORT));
    }
  }

  /** Opens with the real upsd source and takes a first poll before returning, within its deadline. */
  static NutCollector open(CollectorContext context) {
    Settings s = context.settings();
    Path credentialsFile = s.isSet(NutProvider.CREDENTIALS_FILE) ? s.path(NutProvider.CREDENTIALS_FILE) : null;
    if (credentialsFile != null) {
      DeviceCredentials.read("collectors.nut.credentials-file", credentialsFile); // a broken file fails the open with its one-line reason
    }
    NutSource source = new UpsdSource(s.duration(NutProvider.TIMEOUT),
        () -> credentialsFile == null ? null : DeviceCredentials.read("collectors.nut.credentials-file", credentialsFile));
    return open(context, source);
  }

  static NutCollector open(CollectorContext context, NutSource source) {
    NutCollector collector = new NutCollector(context, source);
    collector.poller.pollAll().join();
    long interval = context.settings().duration(NutProvider.INTERVAL).toMillis();
    collector.schedule = context.scheduler()
        .scheduleWithFixedDelay(collector.poller::pollAll, interval, interval, TimeUnit.MILLISECONDS);
    return collector;
  }

  private List<UpsState> poll(HostPort target) throws IOException {
    try {
      List<UpsState> upses = parse(target, source.read(target), problems);
      log.ok(target.label(), "upsd answers again");
      record(target, upses);
      return upses;
    } catch (IOException | RuntimeException e) {
      log.failing(target.label(), String.valueOf(e.getMessage()));
      Set<String> gone = upsesByTarget.remove(target.label());
      if (gone != null) {
        gone.forEach(readings::forget);
      }
      throw e;
    }
  }

  /** Hands each UPS's watts to the core; a UPS with nothing to go on simply has no power series. */
  private void record(HostPort target, List<UpsState> upses) {
    long now = clock.millis();
    Set<String> fed = ConcurrentHashMap.newKeySet();
    for (UpsState ups : upses) {
      ups.power().ifPresent(p -> {
        readings.watts(ups.ups(), PowerFamilies.TOTAL_DOMAIN, Labels.EMPTY, now, p.watts());
        fed.add(ups.ups());
      });
    }
    Set<String> before = upsesByTarget.put(target.label(), fed);
    if (before != null) {
      before.stream().filter(d -> !fed.contains(d)).forEach(readings::forget);
    }
  }

  @Override
  public MetricSnapshots collect() {
    Families out = new Families(NutFamilies.ALL);
    for (Outcome<List<UpsState>> outcome : poller.outcomes()) {
      add(out, outcome);
    }
    return out.snapshots();
  }

  @Override
  public MetricSnapshots collectTarget(String target) throws TargetNotAllowedException {
    HostPort hostPort;
    try {
      hostPort = HostPort.parse(target, NutProvider.DEFAULT_PORT);
    } catch (IllegalArgumentException e) {
      throw new TargetNotAllowedException(e.getMessage());
    }
    if (!poller.polls(hostPort.label()) && !allowedByNetwork(hostPort)) {
      throw new TargetNotAllowedException(
          "'" + hostPort.label() + "' is neither a configured nut target nor in collectors.nut.probe-allow");
    }
    Families out = new Families(NutFamilies.ALL);
    Outcome<List<UpsState>> outcome;
    try {
      outcome = new Outcome<>(hostPort, parse(hostPort, source.read(hostPort), SILENT), null, clock.millis());
    } catch (IOException | RuntimeException e) {
      outcome = new Outcome<>(hostPort, null, String.valueOf(e.getMessage()), clock.millis());
    }
    add(out, outcome);
    return out.snapshots();
  }

  private boolean allowedByNetwork(HostPort target) {
    try {
      return probeAllow.allows(InetAddress.getByName(target.host()));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** One probe line per UPS: name, model, status, watts and how they were found, battery. */
  @Override
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    for (Outcome<List<UpsState>> outcome : poller.outcomes()) {
      if (!outcome.ok()) {
        lines.add(outcome.target().label() + "  unreachable: " + outcome.error());
        continue;
      }
      for (UpsState ups : outcome.reading()) {
        String power = ups.power().map(p -> String.format("%.1f W (%s)", p.watts(), p.method()))
            .orElse("no power reading");
        String status = ups.status() == null ? "?" : String.join(" ", ups.status());
        String battery = ups.batteryCharge().map(c -> "battery " + Math.round(c * 100) + " %").orElse("");
        lines.add(String.join("  ", ups.ups(), ups.model(), status, power, battery).strip());
      }
    }
    return lines;
  }

  private void add(Families out, Outcome<List<UpsState>> outcome) {
    out.gauge(NutFamilies.SCRAPE_SUCCESS, Labels.of("target", outcome.target().label()), outcome.ok() ? 1 : 0);
    if (outcome.ok()) {
      outcome.reading().forEach(ups -> NutSeries.add(out, ups));
    }
  }

  private List<UpsState> parse(HostPort target, List<UpsReading> readings, UpsVariables.Problems problems) {
    List<UpsState> out = new ArrayList<>(readings.size());
    for (UpsReading reading : readings) {
      out.add(UpsState.parse(reading, target, powerFactor, problems));
    }
    return out;
  }

  @Override
  public void close() {
    if (schedule != null) {
      schedule.cancel(false);
    }
    poller.close();
  }
}
