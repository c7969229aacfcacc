package dev.powermon.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import dev.powermon.api.Collector;
import dev.powermon.api.Families;
import dev.powermon.api.MultiTargetCollector;
import dev.powermon.api.TargetNotAllowedException;
import dev.powermon.exporter.runtime.CollectorRunner;
import dev.powermon.exporter.runtime.Orchestrator;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /probe?target=HOST[&collector=NAME]}: polls one target of a multi-target collector (Kasa)
 * now, blackbox-exporter style, and answers its metrics, the power series it fed through {@code
 * PowerReadings} during the poll, plus {@code powermon_probe_success} and {@code
 * powermon_probe_duration_seconds}. A target the operator did not allow is 403.
 */
final class ProbeHandler {
  /**
   * Probes under way at once. Each holds a listener thread while it waits for its device, so a
   * burst of probes to dead devices is refused (503) rather than allowed to take the threads
   * scrapes need.
   */
  static final int MAX_CONCURRENT = 8;

  private static final Logger LOG = LoggerFactory.getLogger(ProbeHandler.class);

  /**
   * Refused targets logged; beyond this many, refusals are answered but not logged (a scan cannot
   * flood the log).
   */
  private static final int MAX_REFUSALS_LOGGED = 256;

  private final Semaphore running = new Semaphore(MAX_CONCURRENT);
  private final Set<String> refusalsLogged = ConcurrentHashMap.newKeySet();
  private final Orchestrator orchestrator;
  private final ExecutorService executor;
  private final PrometheusProperties properties;

  ProbeHandler(
      Orchestrator orchestrator, ExecutorService executor, PrometheusProperties properties) {
    this.orchestrator = orchestrator;
    this.executor = executor;
    this.properties = properties;
  }

  void handle(HttpExchange exchange) throws IOException {
    if (!Responses.allow(exchange, "GET", "HEAD")) {
      return;
    }
    if (!running.tryAcquire()) {
      Responses.text(exchange, 503, "Too many probes at once (" + MAX_CONCURRENT + "); try again");
      return;
    }
    try {
      probe(exchange);
    } finally {
      running.release();
    }
  }

  private void probe(HttpExchange exchange) throws IOException {
    String target = parameter(exchange, "target");
    if (target == null || target.isBlank()) {
      Responses.text(exchange, 400, "Missing ?target=HOST");
      return;
    }
    String wanted = parameter(exchange, "collector");
    CollectorRunner runner = multiTarget(wanted);
    if (runner == null) {
      Responses.text(
          exchange,
          404,
          wanted == null
              ? "No enabled collector answers /probe (enable one that does, e.g. --collector kasa)"
              : "Collector '" + wanted + "' is not enabled or does not answer /probe");
      return;
    }
    MultiTargetCollector collector = (MultiTargetCollector) runner.opened();
    long start = System.nanoTime();
    long startMillis = System.currentTimeMillis();
    List<MetricSnapshot> out = new ArrayList<>();
    boolean success;
    Future<MetricSnapshots> pending = executor.submit(() -> collector.collectTarget(target));
    try {
      pending.get(runner.plan().deadline().toMillis(), TimeUnit.MILLISECONDS).forEach(out::add);
      out.addAll(
          orchestrator.readingsSince(
              runner.name(), startMillis)); // the power it read for the target
      success = true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TargetNotAllowedException) {
        logRefusal(target, e.getCause().getMessage());
        Responses.text(exchange, 403, e.getCause().getMessage());
        return;
      }
      success = false;
    } catch (TimeoutException e) {
      pending.cancel(true);
      success = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      success = false;
    }
    out.addAll(
        new Families(ProbeFamilies.SPECS)
            .gauge(ProbeFamilies.SUCCESS, Labels.EMPTY, success ? 1 : 0)
            .gauge(ProbeFamilies.DURATION, Labels.EMPTY, (System.nanoTime() - start) / 1e9)
            .list());
    PrometheusRegistry registry = new PrometheusRegistry();
    MetricSnapshots snapshots = new MetricSnapshots(out);
    registry.register((MultiCollector) () -> snapshots);
    new MetricsHandler(properties, registry).handle(exchange);
  }

  /**
   * One line per refused target, the first time; at most {@value #MAX_REFUSALS_LOGGED} targets are
   * remembered.
   */
  private void logRefusal(String target, String why) {
    if (refusalsLogged.size() < MAX_REFUSALS_LOGGED && refusalsLogged.add(target)) {
      LOG.warn(
          "/probe refused target {}: {}", Responses.printable(target), Responses.printable(why));
    }
  }

  private CollectorRunner multiTarget(String wanted) {
    for (CollectorRunner r : orchestrator.runners()) {
      Collector opened = r.opened();
      if (opened instanceof MultiTargetCollector && (wanted == null || wanted.equals(r.name()))) {
        return r;
      }
    }
    return null;
  }

  private static String parameter(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
