package dev.powermon.exporter.fleet.sync;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.StateLog;
import dev.powermon.exporter.config.ConfigException;
import dev.powermon.exporter.config.MetricTableWriter;
import dev.powermon.exporter.fleet.AtomicFiles;
import dev.powermon.exporter.fleet.ConfigValidator;
import dev.powermon.exporter.fleet.DeviceId;
import dev.powermon.exporter.setup.OperatorError;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's side of the config server. At start, {@link #fetchAtStart} fetches this device's
 * config within {@link #START_DEADLINE}; a good one replaces the local {@code --config.file}
 * (atomically: the fallback copy for the next start without the server), anything else leaves the
 * local file to start from, said in one line. Then {@link #startPolling} asks every poll interval
 * (with jitter, so a fleet restarted at once does not poll at once) with {@code If-None-Match}; a
 * changed config is checked by the exporter's own loader, written to the local file and applied
 * through the reload path. A config the loader refuses is never written: the running one stays and
 * the refusal counts as a failed reload.
 */
public final class ConfigSync implements AutoCloseable {
  public static final Duration START_DEADLINE = Duration.ofSeconds(5);

  public static final MetricSpec SOURCE =
      MetricSpec.gauge("powermon_config_source")
          .help(
              "Where the running configuration came from: 1 for the source in use (central: the config server;"
                  + " local: the --config.file), 0 for the other.")
          .labelNames("source")
          .build();
  public static final MetricSpec LAST_SUCCESS =
      MetricSpec.gauge("powermon_config_server_last_success_timestamp_seconds")
          .help(
              "When the config server last answered this device (200 or 304), in seconds since the epoch;"
                  + " 0 if never.")
          .build();
  public static final MetricSpec PENDING =
      MetricSpec.gauge("powermon_config_server_pending_changes")
          .help(
              "Metric-table changes made on this device (admin toggles, discovered families) that the"
                  + " config server has not acknowledged yet; they stay queued while it is down or its"
                  + " version is refused.")
          .build();
  public static final List<MetricSpec> SPECS = List.of(SOURCE, LAST_SUCCESS, PENDING);

  private static final Logger LOG = LoggerFactory.getLogger(ConfigSync.class);
  private static final String SERVER_STATE = "config server";
  private static final String SYNC_STATE = "config server sync";

  /** PUTs per flush: each 412 means someone else wrote first; more than a few means a busy key. */
  static final int PUT_ATTEMPTS = 4;

  private final ConfigClient client;
  private final DeviceId id;
  private final Path localFile;
  private final ConfigValidator validator;
  private final Duration pollInterval;
  private final StateLog states = new StateLog(LOG);
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "powermon-config-poll");
            t.setDaemon(true);
            return t;
          });

  private final PendingChanges pending;

  /**
   * The metric table as the local file holds it: a written table differing from it is a local
   * change.
   */
  private final Map<String, Boolean> localTable = new HashMap<>();

  /**
   * The metric table of the server version last applied: the base of the merge rule; null if none.
   */
  private volatile Map<String, Boolean> seenTable;

  private volatile boolean central;
  private volatile String
      runningTag; // of the central config running, null while the local one runs
  private volatile String
      seenTag; // the last one fetched, refused ones too: asked with If-None-Match
  private volatile double lastSuccessSeconds;

  public ConfigSync(
      ConfigClient client,
      DeviceId id,
      Path localFile,
      ConfigValidator validator,
      Duration pollInterval) {
    this.client = client;
    this.id = id;
    this.localFile = localFile;
    this.validator = validator;
    this.pollInterval = pollInterval;
    this.pending = new PendingChanges(localFile);
  }

  /**
   * A sync for {@code powermon}'s flags.
   *
   * @throws OperatorError when a flag is wrong or {@code --config.file} (the fallback copy) is
   *     missing
   */
  public static ConfigSync of(
      FleetOptions options,
      Path configFile,
      Map<String, CollectorProvider> providers,
      String hostname) {
    if (configFile == null) {
      throw new OperatorError(
          "--config.server needs --config.file FILE: where the fetched config is kept, to"
              + " start from when the server is down");
    }
    DeviceId id;
    try {
      id = new DeviceId(options.deviceId(hostname));
    } catch (IllegalArgumentException e) {
      throw new OperatorError("--config.device-id: " + e.getMessage());
    }
    ConfigClient client =
        new ConfigClient(
            options.server(), id, START_DEADLINE, options.tls(), options.authorization());
    return new ConfigSync(
        client, id, configFile, new ConfigValidator(providers), options.pollInterval());
  }

  /**
   * Fetches once; the local file then holds what the exporter should start from. Changes queued
   * before a restart are sent first when the server answers, and the merged version fetched, so the
   * exporter starts with them in force.
   */
  public void fetchAtStart() {
    Outcome o = fetch(null);
    if (o == Outcome.APPLIED && !pending.isEmpty()) {
      flush();
      fetch(seenTag);
    }
    if (o != Outcome.APPLIED) {
      LOG.warn(
          "config server unreachable or refused for {}: starting from the local file {}",
          id,
          localFile);
      try {
        synchronized (localTable) {
          localTable.putAll(validator.check(id, Files.readAllBytes(localFile)).metrics());
        }
      } catch (IOException | ConfigException e) {
        // the exporter's own load of the file says what is wrong with it
      }
    }
  }

  /**
   * For a reload (SIGHUP, {@code POST /-/reload}): sends pending changes and fetches now, on the
   * poll thread (one fetch at a time), waiting at most a few start deadlines; the local file then
   * holds what to load. Not for the poll thread itself.
   */
  public void refreshForReload() {
    try {
      poller
          .submit(
              () -> {
                flush();
                if (fetch(seenTag) == Outcome.FAILED) {
                  LOG.warn(
                      "reload: config server not reached, reloading the local file {}", localFile);
                }
              })
          .get(3 * START_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      LOG.warn(
          "reload: no answer from the config server in time, reloading the local file {}",
          localFile);
    }
  }

  /**
   * The metric table was written to the local file (an admin toggle, newly discovered families):
   * what differs from what the file held is a local change, queued (persisted) and sent in the
   * background.
   */
  public void tableWritten(Map<String, Boolean> table) {
    long now = System.currentTimeMillis();
    boolean changed = false;
    synchronized (localTable) {
      for (Map.Entry<String, Boolean> e : table.entrySet()) {
        Boolean before = localTable.put(e.getKey(), e.getValue());
        if (!e.getValue().equals(before)) {
          pending.put(e.getKey(), new LocalChange(e.getValue(), now, before == null, before));
          changed = true;
        }
      }
    }
    if (changed) {
      try {
        poller.execute(this::flush);
      } catch (RejectedExecutionException e) {
        // stopping: the changes are queued in the file and go out after the next start
      }
    }
  }

  /**
   * Sends the pending local changes: fetch the server's version, keep the changes the merge rule
   * lets win, PUT with If-Match; on 412 again, at most {@link #PUT_ATTEMPTS} times. Unsent changes
   * stay queued for the next poll. A server version this build cannot load is never written over:
   * it stays on the server for the operator to see and fix, and the changes wait to be merged onto
   * the fixed version.
   */
  void flush() {
    Map<String, LocalChange> sending = pending.snapshot();
    for (int attempt = 0; attempt < PUT_ATTEMPTS && !sending.isEmpty(); attempt++) {
      try {
        ConfigClient.Answer current = client.fetch(null);
        byte[] base = current.status() == 200 ? current.yaml() : new byte[0];
        if (current.status() != 200 && current.status() != 404) {
          states.failing(
              SYNC_STATE,
              "sending local changes of " + id + ": fetch got HTTP " + current.status());
          return;
        }
        Map<String, Boolean> serverTable;
        try {
          serverTable = validator.check(id, base).metrics();
        } catch (ConfigException e) {
          states.failing(
              SYNC_STATE,
              "the config server's version of "
                  + id
                  + " cannot be loaded here; "
                  + sending.size()
                  + " local change(s) wait for a fixed version, never written over this one: "
                  + e.getMessage());
          return;
        }
        Map<String, Boolean> winners =
            TableMerge.winners(serverTable, seenTable, current.lastModifiedMillis(), sending);
        if (winners.isEmpty()) {
          pending.acknowledged(sending);
          return;
        }
        ConfigClient.Answer put = client.put(withTable(base, winners), current.etag());
        if (put.status() == 200 || put.status() == 201) {
          pending.acknowledged(sending);
          states.ok(SYNC_STATE, "local changes reach the config server again");
          LOG.info(
              "sent {} local change(s) of {} to the config server, version {}",
              winners.size(),
              id,
              put.etag());
          return;
        }
        if (put.status() != 412) {
          states.failing(
              SYNC_STATE, "sending local changes of " + id + " got HTTP " + put.status());
          return;
        }
      } catch (IOException | ConfigException e) {
        states.failing(
            SYNC_STATE,
            "cannot send local changes of " + id + ", kept for later: " + e.getMessage());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** {@code yaml} with {@code table} written into its metric table, the rest as it was. */
  private static byte[] withTable(byte[] yaml, Map<String, Boolean> table)
      throws IOException, ConfigException {
    Path temp = Files.createTempFile("powermon-sync-", ".yaml");
    try {
      Files.write(temp, yaml);
      MetricTableWriter.write(temp, table);
      return Files.readAllBytes(temp);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Polls until closed.
   *
   * @param reload applies the local file as a reload does; returns null or what is wrong
   * @param refused told why a config the server sent could not be used (the running one stays)
   */
  public void startPolling(Supplier<String> reload, Consumer<String> refused) {
    schedule(jittered(), reload, refused);
  }

  private void schedule(Duration delay, Supplier<String> reload, Consumer<String> refused) {
    poller.schedule(
        () -> {
          try {
            flush(); // first: a fetched version would replace the local file, local changes not
            // sent yet
            Outcome o = fetch(seenTag);
            if (o == Outcome.APPLIED) {
              reload.get();
            } else if (o == Outcome.REFUSED) {
              refused.accept(
                  "the config server's config for " + id + " was refused; the running one is kept");
            }
          } finally {
            if (!poller.isShutdown()) {
              schedule(jittered(), reload, refused);
            }
          }
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private Duration jittered() {
    double factor = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.round(pollInterval.toMillis() * factor));
  }

  enum Outcome {
    APPLIED,
    UNCHANGED,
    REFUSED,
    FAILED
  }

  private Outcome fetch(String known) {
    ConfigClient.Answer a;
    try {
      a = client.fetch(known);
    } catch (IOException e) {
      states.failing(SERVER_STATE, "cannot fetch the config of " + id + ": " + e);
      return Outcome.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.FAILED;
    }
    if (a.status() == 304) {
      answered();
      return Outcome.UNCHANGED;
    }
    if (a.status() != 200) {
      states.failing(SERVER_STATE, "fetching the config of " + id + " got HTTP " + a.status());
      return Outcome.FAILED;
    }
    answered();
    Map<String, Boolean> table;
    try {
      table = validator.check(id, a.yaml()).metrics();
    } catch (ConfigException e) {
      seenTag = a.etag();
      LOG.error(
          "the config server's config is not usable here, the running one is kept: {}",
          e.getMessage());
      return Outcome.REFUSED;
    } catch (IOException e) {
      LOG.error("cannot check the config server's config: {}", e.getMessage());
      return Outcome.FAILED;
    }
    try {
      AtomicFiles.write(localFile, a.yaml());
    } catch (IOException e) {
      LOG.error("cannot write the config server's config to {}: {}", localFile, e.getMessage());
      return Outcome.FAILED;
    }
    seenTag = a.etag();
    runningTag = a.etag();
    seenTable = Map.copyOf(table);
    synchronized (localTable) {
      localTable.clear();
      localTable.putAll(table);
    }
    central = true;
    LOG.info("config of {} from the config server, version {}", id, runningTag);
    return Outcome.APPLIED;
  }

  private void answered() {
    lastSuccessSeconds = System.currentTimeMillis() / 1000.0;
    states.ok(SERVER_STATE, "the config server answers again");
  }

  /** {@code "central"} or {@code "local"}. */
  public String source() {
    return central ? "central" : "local";
  }

  /** The tag of the running central config, or null. */
  public String etag() {
    return runningTag;
  }

  /** What the admin list shows of where the config came from. */
  public Map<String, String> origin() {
    return etag() == null ? Map.of("source", source()) : Map.of("source", source(), "etag", etag());
  }

  public List<MetricSnapshot> families() {
    Families out = new Families(SPECS);
    out.gauge(SOURCE, Labels.of("source", "central"), central ? 1 : 0);
    out.gauge(SOURCE, Labels.of("source", "local"), central ? 0 : 1);
    out.gauge(LAST_SUCCESS, Labels.EMPTY, lastSuccessSeconds);
    out.gauge(PENDING, Labels.EMPTY, pending.size());
    return out.list();
  }

  /**
   * Stops polling; waits (up to 5 s, each request has its deadline) for a poll or send under way.
   */
  @Override
  public void close() {
    poller.shutdownNow();
    try {
      if (!poller.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("the config server poll did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
