package dev.powermon.exporter;

import dev.powermon.api.MetricSpec;
import dev.powermon.exporter.config.ConfigException;
import dev.powermon.exporter.config.FileConfig;
import dev.powermon.exporter.logging.Logging;
import dev.powermon.exporter.meta.BuildInfo;
import dev.powermon.exporter.meta.MetaMetrics;
import dev.powermon.exporter.meta.ProcessMetrics;
import dev.powermon.exporter.meta.ReloadStatus;
import dev.powermon.exporter.push.PushConfig;
import dev.powermon.exporter.push.PushMetrics;
import dev.powermon.exporter.push.Pusher;
import dev.powermon.exporter.push.SnapshotSamples;
import dev.powermon.exporter.runtime.CollectorPlan;
import dev.powermon.exporter.runtime.CollectorPool;
import dev.powermon.exporter.runtime.CollectorRunner;
import dev.powermon.exporter.runtime.Orchestrator;
import dev.powermon.exporter.setup.OperatorError;
import dev.powermon.exporter.setup.Selection;
import dev.powermon.exporter.setup.Setup;
import dev.powermon.exporter.table.MetricTable;
import dev.powermon.exporter.web.AdminServer;
import dev.powermon.exporter.web.ListenAddress;
import dev.powermon.exporter.web.WebServer;
import dev.powermon.exporter.window.PowerWindows;
import dev.powermon.exporter.window.WindowFamilies;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running exporter: collectors, metric table, the metrics listener and the admin listener. Built by
 * {@code powermon} (serve) and by the tests, which start it on ephemeral ports.
 */
public final class Server implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final CollectorPool pool = new CollectorPool();
  private final ExecutorService tableWriter = Executors.newSingleThreadExecutor(CollectorPool.daemon("powermon-table"));
  private final ExecutorService adminThreads = Executors.newFixedThreadPool(2, CollectorPool.daemon("powermon-admin"));
  private final ReloadStatus reloadStatus = new ReloadStatus();
  private final BuildInfo build = BuildInfo.load();
  private Setup setup;
  private MetricTable table;
  private Orchestrator orchestrator;
  private WebServer web;
  private AdminServer admin;
  private Pusher pusher;

  private Server(Setup setup) {
    this.setup = setup;
  }

  /**
   * Starts everything; returns once the listeners accept connections.
   *
   * @throws OperatorError when an address is taken or a setting is wrong
   */
  public static Server start(Setup setup) {
    Server server = new Server(setup);
    try {
      server.startAll();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void startAll() {
    table = new MetricTable(setup.file().path(), setup.file().metrics(), declaredFamilies(), tableWriter);
    orchestrator = new Orchestrator(table, new MetaMetrics(build, reloadStatus), new ProcessMetrics(), pool.windows(),
        pool.health());
    orchestrator.setRunners(startRunners(plans(setup), Map.of()));
    startPushing();
    ListenAddress listen = setup.listenAddress();
    try {
      web = WebServer.start(listen, setup.telemetryPath(), orchestrator, build, pool.executor());
    } catch (IOException e) {
      throw TakenPort.error("--web.listen-address", listen, e);
    }
    ListenAddress adminAddress = setup.adminAddress();
    if (adminAddress != null) {
      try {
        admin = new AdminServer(adminAddress, table, this::reload, adminThreads);
      } catch (IOException e) {
        throw TakenPort.error("--web.admin-address", adminAddress, e);
      }
      if (!adminAddress.isLoopback()) {
        LOG.warn("the admin API listens on {}, reachable from other machines, and has no authentication;"
            + " keep it on 127.0.0.1 unless a firewall or proxy guards it", adminAddress);
      }
    }
    // Listening but not ready: one collection first, so the admin list, the file and the log are whole
    // before the first scrape.
    orchestrator.collectFirst();
    table.writeDiscovered();
    table.reportUnknown();
    LOG.atInfo().addKeyValue("address", listen).addKeyValue("port", web.port())
        .addKeyValue("admin", adminAddress == null ? "off" : adminAddress)
        .addKeyValue("version", build.version()).log("powermon listening");
  }

  /**
   * Pushes the regular collection every push interval, and every sampler reading as it comes, when a push
   * target is configured.
   */
  private void startPushing() {
    PushConfig push = setup.pushConfig(pool.hostname());
    if (!push.enabled()) {
      return;
    }
    PowerWindows windows = pool.windows();
    SnapshotSamples samples =
        new SnapshotSamples(Labels.of("instance", push.instance(), "job", PushConfig.JOB), windows::sampled);
    pusher = Pusher.start(push, now -> {
      MetricSnapshots snapshots = orchestrator.collectForPush();
      return new Pusher.Collected(snapshots, samples.of(snapshots, now));
    }, "powermon/" + build.version());
    windows.listen((series, millis, joules, watts) -> pusher.offer(samples.reading(series, millis, joules, watts)));
    orchestrator.setExtraFamilies(PushMetrics.SPECS, pusher::metrics);
  }

  /** Port of the metrics listener (the real one when started on port 0). */
  public int port() {
    return web.port();
  }

  /** Address of the admin listener, or null when it is off. */
  public InetSocketAddress adminAddress() {
    return admin == null ? null : admin.address();
  }

  /**
   * Reloads the config file. A broken file keeps the running configuration.
   *
   * @return null on success, else what is wrong with the file
   */
  public synchronized String reload() {
    FileConfig file;
    List<CollectorPlan> plans;
    Setup next;
    try {
      file = setup.reloadFile();
      next = setup.withFile(file);
      plans = plans(next);
      Logging.configure(next.logLevel(), next.logFormat());
    } catch (ConfigException | OperatorError | IllegalArgumentException e) {
      reloadStatus.failed();
      LOG.error("config reload failed, the previous configuration keeps running: {}", e.getMessage());
      return e.getMessage();
    }
    if (!next.listenAddress().equals(setup.listenAddress()) || !next.telemetryPath().equals(setup.telemetryPath())
        || !Objects.equals(next.adminAddress(), setup.adminAddress())) {
      LOG.warn("web settings changed in the config file; they take effect after a restart");
    }
    setup = next;
    table.replaceOperatorTable(file.metrics());
    Map<String, CollectorRunner> running = new HashMap<>();
    orchestrator.runners().forEach(r -> running.put(r.name(), r));
    orchestrator.setRunners(startRunners(plans, running));
    running.values().forEach(CollectorRunner::close); // whatever was not kept
    orchestrator.collectForPush(); // newly opened collectors' families reach the table before it is checked
    table.reportUnknown();
    reloadStatus.succeeded();
    LOG.info("configuration reloaded");
    return null;
  }

  /** Per collector, and for the core, the families declared: what the metric table knows is no typo. */
  private Map<String, Set<String>> declaredFamilies() {
    Map<String, Set<String>> declared = new HashMap<>();
    setup.providers().values().forEach(p -> declared.put(p.name(), names(p.metrics())));
    List<MetricSpec> core = new ArrayList<>(MetaMetrics.SPECS);
    core.addAll(ProcessMetrics.SPECS);
    core.addAll(PushMetrics.SPECS);
    core.addAll(WindowFamilies.SPECS);
    declared.put(Orchestrator.CORE, names(core));
    return declared;
  }

  private static Set<String> names(List<MetricSpec> specs) {
    Set<String> names = new HashSet<>();
    specs.forEach(m -> names.add(m.name()));
    return names;
  }

  private List<CollectorPlan> plans(Setup s) {
    return Selection.plans(s.providers(), s.file(), s.invocation(), pool::probeContext);
  }

  /**
   * Runners for {@code plans}; a collector whose settings did not change keeps running (taken out of
   * {@code running}), the others are opened anew.
   */
  private List<CollectorRunner> startRunners(List<CollectorPlan> plans, Map<String, CollectorRunner> running) {
    List<CollectorRunner> out = new ArrayList<>();
    List<CollectorRunner> started = new ArrayList<>();
    for (CollectorPlan plan : plans) {
      CollectorRunner old = running.get(plan.name());
      if (old != null && old.plan().rawSettings().equals(plan.rawSettings())
          && old.plan().deadline().equals(plan.deadline())) {
        out.add(running.remove(plan.name()));
        continue;
      }
      CollectorRunner runner = pool.start(plan, plans);
      out.add(runner);
      started.add(runner);
    }
    // Opening takes a first sample; wait for it (all open in parallel) so the first scrape has data.
    started.forEach(r -> r.awaitOpen(r.plan().deadline()));
    return out;
  }

  @Override
  public synchronized void close() {
    if (web != null) {
      web.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (pusher != null) {
      pusher.close(); // flushes what is queued, within its deadline
    }
    if (orchestrator != null) {
      orchestrator.runners().forEach(CollectorRunner::close);
    }
    pool.close();
    adminThreads.shutdownNow();
    // A discovery write may be under way: let it finish, so the file is whole and no longer in use.
    tableWriter.shutdown();
    try {
      if (!tableWriter.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("the metric table write did not finish within 5 s of shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
