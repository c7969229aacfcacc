package dev.powermon.exporter.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configs in etcd, through its v3 JSON gateway with the JDK HTTP client: {@code <prefix><id>} holds
 * the YAML, {@code <prefix>.changed/<id>} when it changed (etcd keeps no times; ids never start
 * with a dot). The key's {@code mod_revision} is the tag; a conditional write is one transaction
 * comparing it, so several config servers may share one etcd. etcd's history keeps the replaced
 * versions (until compacted).
 *
 * <p>With several endpoints (the members of an etcd cluster), a request goes to the one that last
 * answered; when it is refused, times out or answers 5xx, to the next, all within {@link
 * #DEADLINE}: each try gets an equal share of what is left, so one hung member cannot use up the
 * time of the others.
 */
public final class EtcdStore implements ConfigStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final int MAX_RESPONSE_BYTES = 64 << 20;

  private final HttpClient http;
  private final List<URI> endpoints;
  private final String prefix;

  /** The endpoint that answered last: tried first. */
  private volatile int preferred;

  public EtcdStore(URI endpoint, String prefix) {
    this(List.of(endpoint), prefix);
  }

  /**
   * @param endpoints etcd client URLs, tried in this order from the first
   */
  public EtcdStore(List<URI> endpoints, String prefix) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no etcd endpoint");
    }
    this.endpoints = List.copyOf(endpoints);
    this.prefix = prefix;
    this.http =
        HttpClient.newBuilder().connectTimeout(DEADLINE.dividedBy(endpoints.size())).build();
  }

  @Override
  public Optional<StoredConfig> get(DeviceId id) throws IOException {
    Map<String, Object> req = Map.of("key", b64(key(id)));
    JsonNode kv = first(call("/v3/kv/range", req));
    if (kv == null) {
      return Optional.empty();
    }
    return Optional.of(
        new StoredConfig(
            id,
            Base64.getDecoder().decode(kv.path("value").asText("")),
            tag(kv.path("mod_revision").asLong()),
            changed(id)));
  }

  /**
   * The version {@code id} had before its current one, from etcd's history; empty if none or
   * compacted.
   */
  Optional<byte[]> previous(DeviceId id) throws IOException {
    JsonNode kv = first(call("/v3/kv/range", Map.of("key", b64(key(id)))));
    if (kv == null) {
      return Optional.empty();
    }
    long rev = kv.path("mod_revision").asLong() - 1;
    JsonNode old =
        first(call("/v3/kv/range", Map.of("key", b64(key(id)), "revision", Long.toString(rev))));
    return old == null
        ? Optional.empty()
        : Optional.of(Base64.getDecoder().decode(old.path("value").asText("")));
  }

  @Override
  public StoredConfig put(DeviceId id, byte[] yaml, String ifMatch)
      throws IOException, PreconditionFailed {
    List<Object> puts =
        List.of(
            Map.of(
                "request_put",
                Map.of("key", b64(key(id)), "value", Base64.getEncoder().encodeToString(yaml))),
            Map.of(
                "request_put",
                Map.of(
                    "key",
                    b64(changedKey(id)),
                    "value",
                    b64(Long.toString(System.currentTimeMillis())))));
    JsonNode answer;
    if (ifMatch == null) {
      answer = call("/v3/kv/txn", Map.of("success", puts));
    } else {
      long rev = revision(ifMatch);
      // Its own version is the one named, or it has none and the default's is.
      answer =
          call("/v3/kv/txn", Map.of("compare", List.of(compareMod(key(id), rev)), "success", puts));
      if (!answer.path("succeeded").asBoolean(false)) {
        answer =
            call(
                "/v3/kv/txn",
                Map.of(
                    "compare",
                    List.of(
                        Map.of(
                            "key",
                            b64(key(id)),
                            "target",
                            "CREATE",
                            "result",
                            "EQUAL",
                            "create_revision",
                            "0"),
                        compareMod(key(DeviceId.DEFAULT), rev)),
                    "success",
                    puts));
      }
      if (!answer.path("succeeded").asBoolean(false)) {
        Optional<StoredConfig> now = get(id);
        if (now.isEmpty()) {
          now = get(DeviceId.DEFAULT);
        }
        throw new PreconditionFailed(now.map(StoredConfig::etag).orElse(null));
      }
    }
    long revision = answer.path("header").path("revision").asLong();
    return new StoredConfig(id, yaml, tag(revision), changed(id));
  }

  @Override
  public List<StoredConfig> list() throws IOException {
    Map<String, Object> req = new HashMap<>();
    req.put("key", b64(prefix));
    req.put("range_end", b64(rangeEnd(prefix)));
    req.put("keys_only", true);
    List<StoredConfig> out = new ArrayList<>();
    for (JsonNode kv : call("/v3/kv/range", req).path("kvs")) {
      String key =
          new String(Base64.getDecoder().decode(kv.path("key").asText()), StandardCharsets.UTF_8);
      String id = key.substring(prefix.length());
      if (DeviceId.isValid(id)) {
        DeviceId d = new DeviceId(id);
        out.add(new StoredConfig(d, null, tag(kv.path("mod_revision").asLong()), changed(d)));
      }
    }
    out.sort((a, b) -> a.id().value().compareTo(b.id().value()));
    return out;
  }

  private Instant changed(DeviceId id) throws IOException {
    JsonNode kv = first(call("/v3/kv/range", Map.of("key", b64(changedKey(id)))));
    if (kv == null) {
      return Instant.EPOCH;
    }
    try {
      return Instant.ofEpochMilli(
          Long.parseLong(
              new String(
                  Base64.getDecoder().decode(kv.path("value").asText()), StandardCharsets.UTF_8)));
    } catch (NumberFormatException e) {
      return Instant.EPOCH; // written by someone else: unknown
    }
  }

  private static Map<String, Object> compareMod(String key, long rev) {
    return Map.of(
        "key", b64(key), "target", "MOD", "result", "EQUAL", "mod_revision", Long.toString(rev));
  }

  /**
   * POSTs {@code body} to {@code path} on the preferred endpoint, then on each other in turn while
   * one is unreachable, within {@link #DEADLINE} in all.
   */
  private JsonNode call(String path, Object body) throws IOException {
    byte[] json = JSON.writeValueAsBytes(body);
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    int first = preferred;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      int index = (first + i) % endpoints.size();
      try {
        JsonNode answer =
            callOne(
                endpoints.get(index), path, json, Duration.ofNanos(left / (endpoints.size() - i)));
        preferred = index;
        return answer;
      } catch (Unavailable e) {
        failures.add(endpoints.get(index) + ": " + e.getMessage());
      }
    }
    throw new IOException(
        "etcd "
            + path
            + ": no endpoint answered within "
            + DEADLINE.toSeconds()
            + " s ("
            + String.join("; ", failures)
            + ")");
  }

  /** One endpoint refused, timed out or answered 5xx: the next one may do better. */
  private static final class Unavailable extends IOException {
    Unavailable(String message) {
      super(message);
    }
  }

  private JsonNode callOne(URI endpoint, String path, byte[] json, Duration timeout)
      throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve(path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build();
    HttpResponse<InputStream> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IOException e) {
      throw new Unavailable(e.toString()); // refused, reset, timed out
    }
    byte[] bytes;
    try (InputStream in = r.body()) {
      bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
    } catch (IOException e) {
      throw new Unavailable("answer cut off: " + e);
    }
    if (bytes.length > MAX_RESPONSE_BYTES) {
      throw new IOException("etcd " + path + ": answer over " + MAX_RESPONSE_BYTES + " bytes");
    }
    if (r.statusCode() != 200) {
      String message =
          "etcd "
              + path
              + ": HTTP "
              + r.statusCode()
              + ": "
              + new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
      // 5xx: this member cannot serve now (no leader, stopping); another one may.
      throw r.statusCode() >= 500 ? new Unavailable(message) : new IOException(message);
    }
    return JSON.readTree(bytes);
  }

  private static JsonNode first(JsonNode range) {
    JsonNode kvs = range.path("kvs");
    return kvs.isArray() && kvs.size() > 0 ? kvs.get(0) : null;
  }

  private String key(DeviceId id) {
    return prefix + id.value();
  }

  private String changedKey(DeviceId id) {
    return prefix + ".changed/" + id.value();
  }

  private static String tag(long revision) {
    return "\"" + revision + "\"";
  }

  /** The revision in a tag this store gave out; -1 (matches nothing) for any other tag. */
  private static long revision(String tag) {
    String t = tag.trim();
    if (t.startsWith("W/")) {
      t = t.substring(2);
    }
    t = t.replace("\"", "");
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The end of the prefix range: the prefix with its last byte plus one. */
  private static String rangeEnd(String prefix) {
    byte[] b = prefix.getBytes(StandardCharsets.UTF_8);
    b[b.length - 1]++;
    return new String(b, StandardCharsets.UTF_8);
  }
}
