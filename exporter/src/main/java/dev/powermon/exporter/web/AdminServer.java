package dev.powermon.exporter.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.powermon.exporter.table.MetricTable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The admin API on its own listener ({@code --web.admin-address}, loopback by default): {@code GET
 * /api/v1/metrics} lists the metric table, {@code POST /api/v1/metrics} with {@code {"family":
 * true|false, …}} changes it from the next scrape on, {@code POST /-/reload} reloads the config
 * file.
 */
public final class AdminServer implements AutoCloseable {
  /** Nesting allowed in a request body: the one body taken is a flat object. */
  static final int MAX_JSON_DEPTH = 4;

  /** Families changed by one request; the table itself holds a few hundred. */
  static final int MAX_JSON_KEYS = 1024;

  /** Built on the first request: Jackson's classes are not loaded while powermon starts. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        JsonMapper.builder(
                JsonFactory.builder()
                    .streamReadConstraints(
                        StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_JSON_DEPTH)
                            .maxNameLength(256)
                            .maxStringLength(256)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
  }

  /**
   * Threads of the admin listener: a few slow clients must not stall it (see {@link HttpLimits}).
   */
  private static final int WORKERS = 8;

  private final Listener listener;
  private final MetricTable table;
  private final Supplier<String> reload;
  private final CrossSiteGuard guard;
  private volatile Supplier<Map<String, String>> origin = () -> Map.of("source", "local");

  /**
   * @param reload reloads the config file; returns null on success, else the error
   */
  public AdminServer(
      ListenAddress address, MetricTable table, Supplier<String> reload, WebSecurity security)
      throws IOException {
    this.table = table;
    this.reload = reload;
    this.guard = new CrossSiteGuard(address.isLoopback());
    this.listener = Listener.start("powermon-admin", address, WORKERS, this::handle, security);
  }

  /**
   * Where the running config came from, shown in the list: {@code source} (and {@code etag} if
   * central).
   */
  public void showOrigin(Supplier<Map<String, String>> origin) {
    this.origin = origin;
  }

  public InetSocketAddress address() {
    return listener.address();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      if (!guard.hostAllowed(exchange)) {
        return;
      }
      switch (exchange.getRequestURI().getPath()) {
        case "/api/v1/metrics" -> metrics(exchange);
        case "/-/reload" -> {
          if (Responses.allow(exchange, "POST", "PUT") && guard.mutationAllowed(exchange, false)) {
            String error = reload.get();
            if (error == null) {
              json(exchange, 200, Json.MAPPER.createObjectNode().put("status", "reloaded"));
            } else {
              json(
                  exchange,
                  500,
                  Json.MAPPER.createObjectNode().put("status", "failed").put("error", error));
            }
          }
        }
        default ->
            Responses.text(
                exchange, 404, "Not found. The admin API has /api/v1/metrics and /-/reload.");
      }
    } finally {
      exchange.close();
    }
  }

  private void metrics(HttpExchange exchange) throws IOException {
    if (!Responses.allow(exchange, "GET", "HEAD", "POST")) {
      return;
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      ArrayNode list = Json.MAPPER.createArrayNode();
      for (MetricTable.Entry e : table.entries()) {
        ObjectNode item = list.addObject();
        item.put("name", e.family());
        item.put("enabled", e.enabled());
        item.put("decided_by", e.decidedBy().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode collectors = item.putArray("collectors");
        e.collectors().forEach(collectors::add);
        if (e.unknown()) {
          item.put("unknown", true); // no collector declares or emits it: likely a typo in the file
        }
      }
      ObjectNode body = Json.MAPPER.createObjectNode();
      origin.get().forEach(body::put);
      body.set("metrics", list);
      json(exchange, 200, body);
      return;
    }
    if (!guard.mutationAllowed(exchange, true)) {
      return;
    }
    byte[] body = Responses.body(exchange);
    if (body == null) {
      return;
    }
    Map<String, Boolean> changes = new LinkedHashMap<>();
    try {
      JsonNode root = Json.MAPPER.readTree(body);
      if (root == null || !root.isObject()) {
        badRequest(exchange, "the body must be a JSON object of family names to true or false");
        return;
      }
      if (root.size() > MAX_JSON_KEYS) {
        badRequest(
            exchange, "at most " + MAX_JSON_KEYS + " families per request, got " + root.size());
        return;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getValue().isBoolean()) {
          badRequest(
              exchange,
              Responses.printable(field.getKey())
                  + ": expected true or false, got "
                  + Responses.printable(field.getValue().toString()));
          return;
        }
        changes.put(field.getKey(), field.getValue().booleanValue());
      }
    } catch (JsonProcessingException e) {
      badRequest(
          exchange,
          "the body is not one JSON object without duplicate keys: "
              + Responses.printable(e.getOriginalMessage()));
      return;
    }
    MetricTable.Change change;
    try {
      change = table.apply(changes);
    } catch (IllegalArgumentException e) {
      badRequest(exchange, e.getMessage());
      return;
    }
    ObjectNode reply = Json.MAPPER.createObjectNode();
    ObjectNode changed = reply.putObject("changed");
    change.changed().forEach(changed::put);
    reply.put("persisted", change.persisted());
    if (change.persistError() != null) {
      reply.put("persist_error", change.persistError());
    }
    json(exchange, 200, reply);
  }

  private static void badRequest(HttpExchange exchange, String message) throws IOException {
    json(exchange, 400, Json.MAPPER.createObjectNode().put("error", message));
  }

  private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
    Responses.send(
        exchange, status, "application/json", Json.MAPPER.writeValueAsString(body) + "\n");
  }

  @Override
  public void close() {
    listener.close();
  }
}
