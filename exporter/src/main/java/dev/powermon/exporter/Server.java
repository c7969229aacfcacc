package dev.powermon.exporter;

import dev.powermon.api.MetricSpec;
import dev.powermon.exporter.config.ConfigException;
import dev.powermon.exporter.config.FileConfig;
import dev.powermon.exporter.fleet.sync.ConfigSync;
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
import dev.powermon.exporter.web.WebConfigWatch;
import dev.powermon.exporter.web.WebSecurity;
import dev.powermon.exporter.web.WebServer;
import dev.powermon.exporter.window.PowerWindows;
import dev.powermon.exporter.window.WindowFamilies;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
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
 * The running exporter: collectors, metric table, the metrics listener and the admin listener.
 * Built by {@code powermon} (serve) and by the tests, which start it on ephemeral ports.
 */
public final class Server implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final CollectorPool pool = new CollectorPool();
  private final ExecutorService tableWriter =
      Executors.newSingleThreadExecutor(CollectorPool.daemon("powermon-table"));
  private final ReloadStatus reloadStatus = new ReloadStatus();
  private final BuildInfo build = BuildInfo.load();
  private Setup setup;
  private MetricTable table;
  private Orchestrator orchestrator;
  private WebServer web;
  private AdminServer admin;
  private WebSecurity webSecurity;
  private WebSecurity adminSecurity;
  private WebConfigWatch webConfigWatch; // null without a web config file
  private Pusher pusher;
  private final ConfigSync central; // null without --config.server

  private Server(Setup setup, ConfigSync central) {
    this.setup = setup;
    this.central = central;
  }

  /**
   * Starts everything; returns once the listeners accept connections.
   *
   * @throws OperatorError when an address is taken or a setting is wrong
   */
  public static Server start(Setup setup) {
    return start(setup, null);
  }

  /** With a config server: its families served, its changes applied as reloads while running. */
  public static Server start(Setup setup, ConfigSync central) {
    Server server = new Server(setup, central);
    try {
      server.startAll();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void startAll() {
    table =
        new MetricTable(
            setup.file().path(), setup.file().metrics(), declaredFamilies(), tableWriter);
    if (central != null) {
      table.onWritten(
          central::tableWritten); // toggles and discovered families go back to the server
    }
    orchestrator =
        new Orchestrator(
            table,
            new MetaMetrics(build, reloadStatus),
            new ProcessMetrics(),
            pool.windows(),
            pool.health());
    orchestrator.setRunners(startRunners(plans(setup), Map.of()));
    startPushing();
    if (central != null) {
      orchestrator.setExtraFamilies(coreExtraSpecs(), this::coreExtraFamilies);
    }
    ListenAddress listen = setup.listenAddress();
    webSecurity = security("--web.config.file", setup.webConfigFile());
    adminSecurity =
        Objects.equals(setup.adminWebConfigFile(), setup.webConfigFile())
            ? webSecurity
            : security("--web.admin.config.file", setup.adminWebConfigFile());
    try {
      web =
          WebServer.start(
              listen,
              setup.telemetryPath(),
              orchestrator,
              build,
              pool.executor(),
              setup.maxRequests(),
              webSecurity);
    } catch (IOException e) {
      throw TakenPort.error("--web.listen-address", listen, e);
    }
    if (setup.webConfigFile() != null || setup.adminWebConfigFile() != null) {
      webConfigWatch =
          new WebConfigWatch(List.of(webSecurity, adminSecurity), this::reloadWebConfig);
    }
    ListenAddress adminAddress = setup.adminAddress();
    if (adminAddress != null) {
      if (!adminAddress.isLoopback() && !adminSecurity.config().authenticates()) {
        throw new OperatorError(
            "the admin API on "
                + adminAddress
                + " would let any machine that reaches it change"
                + " and reload the config: keep it on 127.0.0.1, or give it basic_auth_users or required client"
                + " certificates with --web.admin.config.file");
      }
      try {
        admin = new AdminServer(adminAddress, table, this::reload, adminSecurity);
      } catch (IOException e) {
        throw TakenPort.error("--web.admin-address", adminAddress, e);
      }
      if (central != null) {
        admin.showOrigin(central::origin);
      }
    }
    // Listening but not ready: one collection first, so the admin list, the file and the log are
    // whole
    // before the first scrape.
    orchestrator.collectFirst();
    table.writeDiscovered();
    table.reportUnknown();
    LOG.atInfo()
        .addKeyValue("address", listen)
        .addKeyValue("port", web.port())
        .addKeyValue("admin", adminAddress == null ? "off" : adminAddress)
        .addKeyValue("version", build.version())
        .log("powermon listening");
  }

  /**
   * Pushes the regular collection every push interval, and every sampler reading as it comes, when
   * a push target is configured.
   */
  private void startPushing() {
    PushConfig push = setup.pushConfig(pool.hostname());
    if (!push.enabled()) {
      return;
    }
    PowerWindows windows = pool.windows();
    SnapshotSamples samples =
        new SnapshotSamples(
            Labels.of("instance", push.instance(), "job", PushConfig.JOB), windows::sampled);
    pusher =
        Pusher.start(
            push,
            now -> {
              MetricSnapshots snapshots = orchestrator.collectForPush();
              return new Pusher.Collected(snapshots, samples.of(snapshots, now));
            },
            "powermon/" + build.version());
    windows.listen(
        (series, millis, joules, watts) ->
            pusher.offer(samples.reading(series, millis, joules, watts)));
    orchestrator.setExtraFamilies(coreExtraSpecs(), this::coreExtraFamilies);
  }

  /** The core's families beyond the orchestrator's own: push counters, config server state. */
  private List<MetricSpec> coreExtraSpecs() {
    List<MetricSpec> specs = new ArrayList<>();
    if (pusher != null) {
      specs.addAll(PushMetrics.SPECS);
    }
    if (central != null) {
      specs.addAll(ConfigSync.SPECS);
    }
    return specs;
  }

  private List<MetricSnapshot> coreExtraFamilies() {
    List<MetricSnapshot> out = new ArrayList<>();
    if (pusher != null) {
      out.addAll(pusher.metrics());
    }
    if (central != null) {
      out.addAll(central.families());
    }
    return out;
  }

  private static WebSecurity security(String flag, Path file) {
    if (file == null) {
      return WebSecurity.plain();
    }
    try {
      return WebSecurity.load(flag, file);
    } catch (ConfigException e) {
      throw new OperatorError(e.getMessage());
    }
  }

  /**
   * Reads the web config files again; a broken one keeps its listener's settings.
   *
   * @return null on success, else what is wrong
   */
  private String reloadWebConfig() {
    try {
      webSecurity.reload();
      if (adminSecurity != webSecurity) {
        adminSecurity.reload();
      }
      reloadStatus.webReloaded(true);
      return null;
    } catch (ConfigException e) {
      reloadStatus.webReloaded(false);
      LOG.error(
          "web config reload failed, the listeners keep their previous settings: {}",
          e.getMessage());
      return e.getMessage();
    }
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
   * Reloads the configuration: with a config server, fetches from it first (the local file keeps
   * what it sent); then the config file. A broken file keeps the running configuration.
   *
   * @return null on success, else what is wrong with the file
   */
  public String reload() {
    if (central != null) {
      central.refreshForReload();
    }
    String webError = reloadWebConfig();
    String configError = reloadFile(); // serves the new reload state from the next scrape on
    return configError != null ? configError : webError;
  }

  /** Reloads the config file as it is (the config server's poll, which wrote it, calls this). */
  public synchronized String reloadFile() {
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
      orchestrator.invalidate();
      LOG.error(
          "config reload failed, the previous configuration keeps running: {}", e.getMessage());
      return e.getMessage();
    }
    if (!next.listenAddress().equals(setup.listenAddress())
        || !next.telemetryPath().equals(setup.telemetryPath())
        || !Objects.equals(next.adminAddress(), setup.adminAddress())) {
      LOG.warn("web settings changed in the config file; they take effect after a restart");
    }
    setup = next;
    table.replaceOperatorTable(file.metrics());
    Map<String, CollectorRunner> running = new HashMap<>();
    orchestrator.runners().forEach(r -> running.put(r.name(), r));
    orchestrator.setRunners(startRunners(plans, running));
    running.values().forEach(CollectorRunner::close); // whatever was not kept
    orchestrator
        .collectForPush(); // newly opened collectors' families reach the table before it is checked
    table.reportUnknown();
    reloadStatus.succeeded();
    orchestrator.invalidate();
    LOG.info("configuration reloaded");
    return null;
  }

  /**
   * A config from the config server could not be used: like a failed reload, the running one stays.
   */
  public void configRefused(String why) {
    reloadStatus.failed();
    orchestrator.invalidate();
    LOG.error("{}", why);
  }

  /**
   * Per collector, and for the core, the families declared: what the metric table knows is no typo.
   */
  private Map<String, Set<String>> declaredFamilies() {
    Map<String, Set<String>> declared = new HashMap<>();
    setup.providers().values().forEach(p -> declared.put(p.name(), names(p.metrics())));
    List<MetricSpec> core = new ArrayList<>(MetaMetrics.SPECS);
    core.addAll(ProcessMetrics.SPECS);
    core.addAll(PushMetrics.SPECS);
    core.addAll(ConfigSync.SPECS);
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
   * Runners for {@code plans}; a collector whose settings did not change keeps running (taken out
   * of {@code running}), the others are opened anew.
   */
  private List<CollectorRunner> startRunners(
      List<CollectorPlan> plans, Map<String, CollectorRunner> running) {
    List<CollectorRunner> out = new ArrayList<>();
    List<CollectorRunner> started = new ArrayList<>();
    for (CollectorPlan plan : plans) {
      CollectorRunner old = running.get(plan.name());
      if (old != null
          && old.plan().rawSettings().equals(plan.rawSettings())
          && old.plan().deadline().equals(plan.deadline())) {
        out.add(running.remove(plan.name()));
        continue;
      }
      CollectorRunner runner = pool.start(plan, plans);
      out.add(runner);
      started.add(runner);
    }
    // Opening takes a first sample; wait for it (all open in parallel) so the first scrape has
    // data.
    started.forEach(r -> r.awaitOpen(r.plan().deadline()));
    return out;
  }

  @Override
  public synchronized void close() {
    if (webConfigWatch != null) {
      webConfigWatch.close();
    }
    if (web != null) {
      web.close();
    }
    if (admin != null) {
      admin.close();
    }
    if (central != null) {
      central.close();
    }
    if (pusher != null) {
      pusher.close(); // flushes what is queued, within its deadline
    }
    if (orchestrator != null) {
      orchestrator.runners().forEach(CollectorRunner::close);
    }
    pool.close();
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
