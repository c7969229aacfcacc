package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.fleet.ConfigServer;
import dev.powermon.exporter.fleet.ConfigStore;
import dev.powermon.exporter.fleet.ConfigValidator;
import dev.powermon.exporter.fleet.DirectoryStore;
import dev.powermon.exporter.fleet.EtcdStore;
import dev.powermon.exporter.fleet.TokenFile;
import dev.powermon.exporter.setup.OperatorError;
import dev.powermon.exporter.web.ListenAddress;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code powermon config-server}: the fleet's central config, one YAML per device (docs/fleet.md).
 */
@Command(
    name = "config-server",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Serve each device's config (GET/PUT /config/{device_id}) from a directory or etcd.")
final class ConfigServerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigServerCommand.class);

  @Option(
      names = "--store",
      defaultValue = "dir",
      paramLabel = "dir|etcd",
      description =
          "Where configs are kept: dir (--data-dir) or etcd (--etcd.endpoints) (default: ${DEFAULT-VALUE}).")
  String storeKind;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Directory of <device>.yaml files (_default.yaml for devices without one).")
  Path dataDir;

  @Option(
      names = "--etcd.endpoints",
      paramLabel = "URL",
      description = "etcd's client URL (its v3 JSON gateway), e.g. http://127.0.0.1:2379.")
  String etcdEndpoint;

  @Option(
      names = "--etcd.prefix",
      defaultValue = "/powermon/config/",
      paramLabel = "PREFIX",
      description = "Key prefix of the configs in etcd (default: ${DEFAULT-VALUE}).")
  String etcdPrefix;

  @Option(
      names = "--web.listen-address",
      defaultValue = ":9108",
      paramLabel = "ADDR",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String listenAddress;

  @Option(
      names = "--auth.token-file",
      paramLabel = "FILE",
      description = "File holding the bearer token every /config request must carry.")
  Path tokenFile;

  @Option(
      names = "--auth.disabled",
      description =
          "Serve without a token (anyone who reaches the port can read and change configs).")
  boolean authDisabled;

  private final Map<String, CollectorProvider> providers;

  ConfigServerCommand(Map<String, CollectorProvider> providers) {
    this.providers = providers;
  }

  @Override
  public Integer call() throws InterruptedException {
    ListenAddress address;
    try {
      address = ListenAddress.parse("--web.listen-address", listenAddress);
    } catch (IllegalArgumentException e) {
      throw new OperatorError(e.getMessage());
    }
    String token = token();
    // Slow or stalled clients cannot hold the server's threads: the JDK server's own request
    // deadlines.
    System.setProperty("sun.net.httpserver.maxReqTime", "10");
    System.setProperty("sun.net.httpserver.maxRspTime", "10");
    ConfigServer server;
    try {
      ConfigStore store = store();
      server = ConfigServer.start(address, store, new ConfigValidator(providers), token);
    } catch (BindException e) {
      throw new OperatorError(
          "--web.listen-address "
              + address
              + ": "
              + e.getMessage()
              + "; is another server on that port?");
    } catch (IOException e) {
      throw new OperatorError("--data-dir " + dataDir + ": " + e.getMessage());
    }
    LOG.info(
        "config server listening on {} (port {}), configs in {}{}",
        address,
        server.port(),
        dataDir != null ? dataDir : etcdEndpoint + " under " + etcdPrefix,
        token == null ? ", WITHOUT authentication (--auth.disabled)" : ", bearer token required");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "powermon-config-server-shutdown"));
    stopped.await();
    return 0;
  }

  private ConfigStore store() throws IOException {
    switch (storeKind) {
      case "dir" -> {
        if (dataDir == null) {
          throw new OperatorError("--store dir needs --data-dir DIR");
        }
        return new DirectoryStore(dataDir);
      }
      case "etcd" -> {
        if (etcdEndpoint == null) {
          throw new OperatorError(
              "--store etcd needs --etcd.endpoints URL (e.g. http://127.0.0.1:2379)");
        }
        URI uri;
        try {
          uri = URI.create(etcdEndpoint.split(",")[0].trim());
        } catch (IllegalArgumentException e) {
          throw new OperatorError("--etcd.endpoints: '" + etcdEndpoint + "' is not a URL");
        }
        if (!etcdPrefix.endsWith("/")) {
          throw new OperatorError("--etcd.prefix: '" + etcdPrefix + "' must end with /");
        }
        return new EtcdStore(uri, etcdPrefix);
      }
      default ->
          throw new OperatorError("--store: '" + storeKind + "' is not a store; use dir or etcd");
    }
  }

  /** The token, or null when the operator turned authentication off explicitly. */
  private String token() {
    if (tokenFile != null && authDisabled) {
      throw new OperatorError("give --auth.token-file or --auth.disabled, not both");
    }
    if (authDisabled) {
      return null;
    }
    if (tokenFile == null) {
      throw new OperatorError(
          "the config server needs --auth.token-file FILE (a bearer token); "
              + "--auth.disabled serves without one");
    }
    return TokenFile.read("--auth.token-file", tokenFile);
  }
}
