package dev.powermon.exporter.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.powermon.exporter.config.ConfigException;
import dev.powermon.exporter.web.ListenAddress;
import dev.powermon.exporter.web.Listener;
import dev.powermon.exporter.web.WebSecurity;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code powermon config-server}: serves one YAML per device from a {@link ConfigStore}.
 *
 * <ul>
 *   <li>{@code GET /config/{id}}: the device's config, else {@code _default}'s, else 404; {@code
 *       ETag}, {@code If-None-Match} → 304. Each fetch is remembered, so the list shows stale
 *       devices.
 *   <li>{@code PUT /config/{id}}: checked by the exporter's loader (400 with line:column, nothing
 *       stored), {@code If-Match} → 412 when another change came first.
 *   <li>{@code GET /config}: every device with its tag, last change and last fetch, as JSON.
 *   <li>{@code /metrics}: the server's own counters; open unless the web config has users.
 *   <li>{@code POST /-/reload}: reads the web config and the token again, as SIGHUP does.
 * </ul>
 *
 * Every {@code /config} request needs the bearer token or a web-config user ({@link
 * ConfigServerAuth}) unless the server was started without either on purpose. It listens as the
 * exporter's listeners do: the web config's TLS, users and headers, the same limits on slow and
 * large requests. Bodies are read up to {@link #MAX_BODY_BYTES}, the loader's own limit.
 */
public final class ConfigServer implements AutoCloseable {
  /**
   * The config loader refuses more than 1 Mi code points; a body is refused before it is read past
   * that.
   */
  public static final int MAX_BODY_BYTES = 1 << 20;

  /**
   * Devices whose last fetch is remembered; past it, fetches of unknown ids are not (random ids
   * cost nothing).
   */
  static final int MAX_REMEMBERED_FETCHES = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(ConfigServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/config";

  /**
   * Worker threads: a thread is held while a slow client sends its request (up to the listeners'
   * request deadline), so a few slow clients must not stall the fleet's polls.
   */
  private static final int WORKERS = 8;

  private final ConfigStore store;
  private final ConfigValidator validator;
  private final ServerCounters counters = new ServerCounters();
  private final ConfigServerAuth auth;
  private final MetricsHandler metrics;
  private final Map<DeviceId, Instant> lastFetch = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();
  private volatile Supplier<String> reload = () -> null;
  private Listener listener;

  private ConfigServer(
      ConfigStore store, ConfigValidator validator, WebSecurity security, String token) {
    this.store = store;
    this.validator = validator;
    this.auth = new ConfigServerAuth(security, token, counters);
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(counters);
    this.metrics = new MetricsHandler(PrometheusProperties.builder().build(), registry);
  }

  /** Plain HTTP, the bearer token alone. */
  public static ConfigServer start(
      ListenAddress address, ConfigStore store, ConfigValidator validator, String token)
      throws IOException {
    return start(address, store, validator, WebSecurity.plain(), token);
  }

  /**
   * Starts listening.
   *
   * @param security the {@code --web.config.file} in force (TLS, basic-auth users, headers)
   * @param token the bearer token; null serves without one
   * @throws java.net.BindException when the address is taken
   */
  public static ConfigServer start(
      ListenAddress address,
      ConfigStore store,
      ConfigValidator validator,
      WebSecurity security,
      String token)
      throws IOException {
    ConfigServer server = new ConfigServer(store, validator, security, token);
    server.listener =
        Listener.start(
            "powermon-config-server", address, WORKERS, server::handle, security, server.auth);
    return server;
  }

  /**
   * What {@code POST /-/reload} runs: returns null on success, else what is wrong (the running
   * settings stay).
   */
  public void onReload(Supplier<String> reload) {
    this.reload = reload;
  }

  /** Takes a token read again from its file (a reload); null serves without one. */
  public void token(String token) {
    auth.token(token);
  }

  public int port() {
    return listener.address().getPort();
  }

  @Override
  public void close() {
    listener.close();
    store.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getPath().equals("/metrics")) {
      try (exchange) {
        metrics.handle(exchange);
      }
      return;
    }
    int code;
    try (exchange) {
      code = route(exchange);
    } catch (IOException e) {
      code = 0; // the client went away or sent a broken request; nothing more to say to it
    }
    counters.request(exchange.getRequestMethod(), code);
  }

  private int route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    if (path.equals("/-/reload")) {
      if (!ex.getRequestMethod().equals("POST")) {
        return notAllowed(ex, "POST");
      }
      String error = reload.get();
      return error == null ? text(ex, 200, "reloaded\n") : text(ex, 500, error + "\n");
    }
    if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
      return text(ex, 404, "not found\n");
    }
    String rest = path.length() <= PREFIX.length() + 1 ? "" : path.substring(PREFIX.length() + 1);
    String method = ex.getRequestMethod();
    if (rest.isEmpty()) {
      return method.equals("GET") ? list(ex) : notAllowed(ex, "GET");
    }
    if (!DeviceId.isValid(rest)) {
      return text(
          ex,
          400,
          "device id: use 1 to "
              + DeviceId.MAX_LENGTH
              + " of A-Z a-z 0-9 . _ -, not starting with a dot\n");
    }
    DeviceId id = new DeviceId(rest);
    return switch (method) {
      case "GET", "HEAD" -> get(ex, id);
      case "PUT" -> put(ex, id);
      default -> notAllowed(ex, "GET, PUT");
    };
  }

  private int get(HttpExchange ex, DeviceId id) throws IOException {
    Optional<StoredConfig> config;
    try {
      config = store.get(id);
      if (config.isEmpty()) {
        config = store.get(DeviceId.DEFAULT);
      }
    } catch (IOException e) {
      return storeFailed(ex, "get", id, e);
    }
    if (config.isEmpty()) {
      return text(ex, 404, "no config for '" + id + "' and no " + DeviceId.DEFAULT + "\n");
    }
    if (lastFetch.size() < MAX_REMEMBERED_FETCHES || lastFetch.containsKey(id)) {
      lastFetch.put(id, clock.instant());
    }
    String etag = config.get().etag();
    ex.getResponseHeaders().set("ETag", etag);
    ex.getResponseHeaders()
        .set(
            "Last-Modified",
            DateTimeFormatter.RFC_1123_DATE_TIME.format(
                config.get().lastChange().atZone(ZoneOffset.UTC)));
    if (ConfigStore.tagMatches(ex.getRequestHeaders().getFirst("If-None-Match"), etag)) {
      ex.sendResponseHeaders(304, -1);
      return 304;
    }
    ex.getResponseHeaders().set("Content-Type", "application/yaml; charset=utf-8");
    byte[] body = config.get().yaml();
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(200, -1);
    } else {
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    }
    return 200;
  }

  private int put(HttpExchange ex, DeviceId id) throws IOException {
    byte[] body = readBounded(ex);
    if (body == null) {
      return text(ex, 413, "a config is at most " + MAX_BODY_BYTES + " bytes\n");
    }
    try {
      validator.check(id, body);
    } catch (ConfigException e) {
      return text(ex, 400, e.getMessage() + "\n");
    }
    StoredConfig stored;
    try {
      boolean existed = store.get(id).isPresent();
      stored = store.put(id, body, ex.getRequestHeaders().getFirst("If-Match"));
      ex.getResponseHeaders().set("ETag", stored.etag());
      LOG.info("config of {} changed to {}", id, stored.etag());
      return text(ex, existed ? 200 : 201, "stored " + stored.etag() + "\n");
    } catch (ConfigStore.PreconditionFailed e) {
      if (e.current() != null) {
        ex.getResponseHeaders().set("ETag", e.current());
      }
      return text(
          ex, 412, "'" + id + "' changed since that version; fetch it, apply your change, retry\n");
    } catch (IOException e) {
      return storeFailed(ex, "put", id, e);
    }
  }

  private int list(HttpExchange ex) throws IOException {
    Map<String, ObjectNode> devices = new TreeMap<>();
    try {
      for (StoredConfig c : store.list()) {
        ObjectNode d = JSON.createObjectNode();
        d.put("id", c.id().value())
            .put("etag", c.etag())
            .put("last_change", c.lastChange().toString());
        d.putNull("last_fetch");
        devices.put(c.id().value(), d);
      }
    } catch (IOException e) {
      return storeFailed(ex, "list", null, e);
    }
    lastFetch.forEach(
        (id, at) ->
            devices
                .computeIfAbsent(
                    id.value(),
                    k -> {
                      ObjectNode d = JSON.createObjectNode();
                      d.put("id", k).putNull("etag").putNull("last_change"); // served the default
                      return d;
                    })
                .put("last_fetch", at.toString()));
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("devices");
    devices.values().forEach(array::add);
    byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
    return 200;
  }

  /**
   * The body, or null when it is larger than {@link #MAX_BODY_BYTES}; never reads past that bound.
   */
  private static byte[] readBounded(HttpExchange ex) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
          return null;
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }

  private int storeFailed(HttpExchange ex, String operation, DeviceId id, IOException e)
      throws IOException {
    counters.storeError(operation);
    LOG.warn("store {} failed{}: {}", operation, id == null ? "" : " for " + id, e.toString());
    return text(ex, 503, "the store failed; see the server's log\n");
  }

  private static int notAllowed(HttpExchange ex, String allow) throws IOException {
    ex.getResponseHeaders().set("Allow", allow);
    return text(ex, 405, "method not allowed; use " + allow + "\n");
  }

  private static int text(HttpExchange ex, int code, String message) throws IOException {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(code, body.length);
    ex.getResponseBody().write(body);
    return code;
  }
}
