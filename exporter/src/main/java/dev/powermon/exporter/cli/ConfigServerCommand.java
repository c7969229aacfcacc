package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.config.ConfigException;
import dev.powermon.exporter.fleet.ConfigServer;
import dev.powermon.exporter.fleet.ConfigStore;
import dev.powermon.exporter.fleet.ConfigValidator;
import dev.powermon.exporter.fleet.DirectoryStore;
import dev.powermon.exporter.fleet.EtcdStore;
import dev.powermon.exporter.fleet.TokenFile;
import dev.powermon.exporter.setup.OperatorError;
import dev.powermon.exporter.web.ListenAddress;
import dev.powermon.exporter.web.WebSecurity;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
      paramLabel = "URL[,URL...]",
      description =
          "etcd's client URLs (its v3 JSON gateway), e.g. http://10.0.0.1:2379,http://10.0.0.2:2379;"
              + " a refused or hung one is passed over for the next.")
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
      names = "--web.config.file",
      paramLabel = "FILE",
      description =
          "Web config (TLS, basic auth, headers) as for the exporter's listeners; re-read on SIGHUP.")
  Path webConfigFile;

  @Option(
      names = "--auth.token-file",
      paramLabel = "FILE",
      description = "File holding the bearer token every /config request must carry.")
  Path tokenFile;

  @Option(
      names = "--auth.disabled",
      description =
          "Serve without a token: only the web config's users, if any, keep anyone who reaches the"
              + " port from reading and changing configs.")
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
    WebSecurity security = webSecurity();
    ConfigServer server;
    try {
      ConfigStore store = store();
      server = ConfigServer.start(address, store, new ConfigValidator(providers), security, token);
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
        "config server listening on {} (port {}{}), configs in {}, {}",
        address,
        server.port(),
        security.config().tls() != null ? ", TLS" : "",
        dataDir != null ? dataDir : etcdEndpoint + " under " + etcdPrefix,
        who(token != null, security));
    server.onReload(() -> reload(server, security));
    Signals.onHangup(() -> reload(server, security));
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
        List<URI> endpoints = new ArrayList<>();
        for (String url : etcdEndpoint.split(",")) {
          endpoints.add(etcdEndpoint(url.trim()));
        }
        if (!etcdPrefix.endsWith("/")) {
          throw new OperatorError("--etcd.prefix: '" + etcdPrefix + "' must end with /");
        }
        return new EtcdStore(endpoints, etcdPrefix);
      }
      default ->
          throw new OperatorError("--store: '" + storeKind + "' is not a store; use dir or etcd");
    }
  }

  private static URI etcdEndpoint(String url) {
    try {
      URI uri = URI.create(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (IllegalArgumentException e) {
      // said below
    }
    throw new OperatorError(
        "--etcd.endpoints: '" + url + "' is not a URL like http://127.0.0.1:2379");
  }

  private WebSecurity webSecurity() {
    if (webConfigFile == null) {
      return WebSecurity.plain();
    }
    try {
      return WebSecurity.load("--web.config.file", webConfigFile);
    } catch (ConfigException e) {
      throw new OperatorError(e.getMessage());
    }
  }

  /** Who may read and write configs, for the startup line. */
  private static String who(boolean token, WebSecurity security) {
    int users = security.config().users().size();
    if (!token && users == 0) {
      return "WITHOUT authentication (--auth.disabled)";
    }
    String basic = users == 0 ? "" : "basic auth (" + users + " user(s) of --web.config.file)";
    return (token ? "bearer token" + (basic.isEmpty() ? "" : " or ") : "") + basic + " required";
  }

  /**
   * SIGHUP and {@code POST /-/reload}: the web config (certificates, users) and the token file
   * again; what is broken keeps what runs, and says so in one line.
   *
   * @return null on success, else what is wrong
   */
  private String reload(ConfigServer server, WebSecurity security) {
    try {
      security.reload();
      if (tokenFile != null) {
        server.token(TokenFile.read("--auth.token-file", tokenFile));
      }
      LOG.info("config server reloaded: web config and token");
      return null;
    } catch (ConfigException | OperatorError e) {
      LOG.error("reload failed, the config server keeps its settings: {}", e.getMessage());
      return e.getMessage();
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
          "the config server needs --auth.token-file FILE (a bearer token); --auth.disabled"
              + " serves without one (then only --web.config.file's basic_auth_users protect it)");
    }
    return TokenFile.read("--auth.token-file", tokenFile);
  }
}
