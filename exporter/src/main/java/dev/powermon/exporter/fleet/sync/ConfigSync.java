package dev.powermon.exporter.fleet.sync;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.StateLog;
import dev.powermon.exporter.config.ConfigException;
import dev.powermon.exporter.fleet.AtomicFiles;
import dev.powermon.exporter.fleet.ConfigValidator;
import dev.powermon.exporter.fleet.DeviceId;
import dev.powermon.exporter.setup.OperatorError;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's side of the config server. At start, {@link #fetchAtStart} fetches this device's config
 * within {@link #START_DEADLINE}; a good one replaces the local {@code --config.file} (atomically: the
 * fallback copy for the next start without the server), anything else leaves the local file to start
 * from, said in one line. Then {@link #startPolling} asks every poll interval (with jitter, so a fleet
 * restarted at once does not poll at once) with {@code If-None-Match}; a changed config is checked by the
 * exporter's own loader, written to the local file and applied through the reload path. A config the
 * loader refuses is never written: the running one stays and the refusal counts as a failed reload.
 */
public final class ConfigSync implements AutoCloseable {
  public static final Duration START_DEADLINE = Duration.ofSeconds(5);

  public static final MetricSpec SOURCE = MetricSpec.gauge("powermon_config_source")
      .help("Where the running configuration came from: 1 for the source in use (central: the config server;"
          + " local: the --config.file), 0 for the other.")
      .labelNames("source")
      .build();
  public static final MetricSpec LAST_SUCCESS =
      MetricSpec.gauge("powermon_config_server_last_success_timestamp_seconds")
          .help("When the config server last answered this device (200 or 304), in seconds since the epoch;"
              + " 0 if never.")
          .build();
  public static final List<MetricSpec> SPECS = List.of(SOURCE, LAST_SUCCESS);

  private static final Logger LOG = LoggerFactory.getLogger(ConfigSync.class);
  private static final String SERVER_STATE = "config server";

  private final ConfigClient client;
  private final DeviceId id;
  private final Path localFile;
  private final ConfigValidator validator;
  private final Duration pollInterval;
  private final StateLog states = new StateLog(LOG);
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "powermon-config-poll");
    t.setDaemon(true);
    return t;
  });

  private volatile boolean central;
  private volatile String runningTag; // of the central config running, null while the local one runs
  private volatile String seenTag; // the last one fetched, refused ones too: asked with If-None-Match
  private volatile double lastSuccessSeconds;

  public ConfigSync(ConfigClient client, DeviceId id, Path localFile, ConfigValidator validator,
      Duration pollInterval) {
    this.client = client;
    this.id = id;
    this.localFile = localFile;
    this.validator = validator;
    this.pollInterval = pollInterval;
  }

  /**
   * A sync for {@code powermon}'s flags.
   *
   * @throws OperatorError when a flag is wrong or {@code --config.file} (the fallback copy) is missing
   */
  public static ConfigSync of(FleetOptions options, Path configFile, Map<String, CollectorProvider> providers,
      String hostname) {
    if (configFile == null) {
      throw new OperatorError("--config.server needs --config.file FILE: where the fetched config is kept, to"
          + " start from when the server is down");
    }
    DeviceId id;
    try {
      id = new DeviceId(options.deviceId(hostname));
    } catch (IllegalArgumentException e) {
      throw new OperatorError("--config.device-id: " + e.getMessage());
    }
    ConfigClient client = new ConfigClient(options.server(), id, options.token(), START_DEADLINE);
    return new ConfigSync(client, id, configFile, new ConfigValidator(providers), options.pollInterval());
  }

  /** Fetches once; the local file then holds what the exporter should start from. */
  public void fetchAtStart() {
    Outcome o = fetch(null);
    if (o != Outcome.APPLIED) {
      LOG.warn("config server unreachable or refused for {}: starting from the local file {}", id, localFile);
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
    poller.schedule(() -> {
      try {
        Outcome o = fetch(seenTag);
        if (o == Outcome.APPLIED) {
          reload.get();
        } else if (o == Outcome.REFUSED) {
          refused.accept("the config server's config for " + id + " was refused; the running one is kept");
        }
      } finally {
        if (!poller.isShutdown()) {
          schedule(jittered(), reload, refused);
        }
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Duration jittered() {
    double factor = 0.9 + 0.2 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.round(pollInterval.toMillis() * factor));
  }

  enum Outcome { APPLIED, UNCHANGED, REFUSED, FAILED }

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
    try {
      validator.check(id, a.yaml());
    } catch (ConfigException e) {
      seenTag = a.etag();
      LOG.error("the config server's config is not usable here, the running one is kept: {}", e.getMessage());
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
    return out.list();
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
