package dev.powermon.exporter.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.runtime.Providers;
import dev.powermon.exporter.web.ListenAddress;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config server on an ephemeral loopback port over a directory store in a temp dir. */
class ConfigServerTest {
  static final String TOKEN = "s3cret-token";
  static final String GOOD =
      "collectors:\n  steady:\n    watts: 7\nmetrics:\n  powermon_power_watts: true\n";
  static final String OTHER = "collectors:\n  steady:\n    watts: 9\n";

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path data;
  private ConfigServer server;
  private String base;

  /** The store under test; the etcd suite overrides it. */
  ConfigStore store() throws Exception {
    return new DirectoryStore(data);
  }

  @BeforeEach
  void start() throws Exception {
    server =
        ConfigServer.start(
            ListenAddress.parse("test", "127.0.0.1:0"),
            store(),
            new ConfigValidator(Providers.discover()),
            TOKEN);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aStoredConfigIsServedWithItsTagAndAnUnchangedOneIs304() throws Exception {
    HttpResponse<String> put = send("PUT", "/config/plug-1", GOOD, null);
    assertThat(put.statusCode()).isEqualTo(201);
    String etag = put.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> get = send("GET", "/config/plug-1", null, null);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(GOOD);
    assertThat(get.headers().firstValue("ETag")).contains(etag);

    HttpResponse<String> again =
        CLIENT.send(
            request("/config/plug-1").header("If-None-Match", etag).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void aDeviceWithoutAConfigGetsTheDefaultElse404() throws Exception {
    assertThat(send("GET", "/config/new-box", null, null).statusCode()).isEqualTo(404);

    assertThat(send("PUT", "/config/_default", OTHER, null).statusCode()).isEqualTo(201);

    HttpResponse<String> get = send("GET", "/config/new-box", null, null);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(OTHER);
  }

  @Test
  void anInvalidConfigIsRefusedAtLineAndColumnAndNothingIsStored() throws Exception {
    HttpResponse<String> put =
        send("PUT", "/config/plug-1", "collectors:\n  steady:\n    wats: 7\n", null);

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).startsWith("plug-1:3:11: unknown key 'collectors.steady.wats'");
    assertThat(send("GET", "/config/plug-1", null, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/config", null, null).body()).doesNotContain("plug-1");
  }

  @Test
  void aWriteBasedOnAnOldVersionGets412AndTheCurrentTag() throws Exception {
    String first =
        send("PUT", "/config/plug-1", GOOD, null).headers().firstValue("ETag").orElseThrow();
    String second =
        send("PUT", "/config/plug-1", OTHER, first).headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> stale = send("PUT", "/config/plug-1", GOOD, first);

    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.headers().firstValue("ETag")).contains(second);
    assertThat(send("GET", "/config/plug-1", null, null).body()).isEqualTo(OTHER);
  }

  @Test
  void aDeviceServedTheDefaultMayWriteOnTopOfTheDefaultsTag() throws Exception {
    String def =
        send("PUT", "/config/_default", OTHER, null).headers().firstValue("ETag").orElseThrow();

    assertThat(send("PUT", "/config/box", GOOD, def).statusCode()).isEqualTo(201);
    assertThat(send("PUT", "/config/box2", GOOD, "\"other\"").statusCode()).isEqualTo(412);
  }

  @Test
  void theReplacedVersionIsKeptBesideTheConfig() throws Exception {
    send("PUT", "/config/plug-1", GOOD, null);
    send("PUT", "/config/plug-1", OTHER, null);

    assertThat(Files.readString(data.resolve("plug-1.yaml"))).isEqualTo(OTHER);
    assertThat(Files.readString(data.resolve("plug-1.yaml.prev"))).isEqualTo(GOOD);
    try (Stream<Path> files = Files.list(data)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("plug-1.yaml", "plug-1.yaml.prev"); // no temp file left
    }
  }

  @Test
  void everyConfigRequestNeedsTheToken() throws Exception {
    HttpResponse<String> none =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/config/x"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrong =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + "/config/x"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer nope")
                .PUT(HttpRequest.BodyPublishers.ofString(GOOD))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"powermon\"");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(Files.exists(data.resolve("x.yaml"))).isFalse();
  }

  @Test
  void pathTraversalIsRefused() throws Exception {
    Path outside = data.getParent().resolve("outside-" + data.getFileName() + ".yaml");
    for (String path :
        new String[] {
          "/config/..",
          "/config/.",
          "/config/../outside",
          "/config/a/b",
          "/config/..%2Foutside-" + data.getFileName(),
          "/config/%2e%2e",
          "/config/.hidden",
          "/config/" + "a".repeat(65),
          "/config/a%00b",
          "/config/a%20b"
        }) {
      String status =
          raw(
              "PUT "
                  + path
                  + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + TOKEN
                  + "\r\nContent-Length: "
                  + OTHER.length()
                  + "\r\nConnection: close\r\n\r\n"
                  + OTHER);
      assertThat(status).as(path).matches("HTTP/1.1 (400|404) .*");
    }
    assertThat(outside).doesNotExist();
    try (Stream<Path> files = Files.list(data)) {
      assertThat(files).isEmpty();
    }
    assertThat(send("PUT", "/config/" + "a".repeat(64), OTHER, null).statusCode()).isEqualTo(201);
  }

  @Test
  void anOversizedBodyIsRefusedWithOrWithoutALength() throws Exception {
    String head = "PUT /config/big HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\n";
    // Announced too big: refused from the header, before any of the body is read.
    String sized =
        raw(head + "Content-Length: " + (ConfigServer.MAX_BODY_BYTES + 1) + "\r\n\r\n# a start");
    // Chunked, no length: refused once one byte more than the bound has been read.
    String chunk = "#".repeat(ConfigServer.MAX_BODY_BYTES + 1);
    String chunked =
        raw(
            head
                + "Transfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(chunk.length())
                + "\r\n"
                + chunk
                + "\r\n0\r\n\r\n");

    assertThat(sized).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    assertThat(chunked).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
    assertThat(data.resolve("big.yaml")).doesNotExist();
  }

  @Test
  void theListShowsEachDevicesLastChangeAndLastFetch() throws Exception {
    send("PUT", "/config/_default", OTHER, null);
    send("PUT", "/config/plug-1", GOOD, null);
    send("GET", "/config/fetcher", null, null);

    HttpResponse<String> list = send("GET", "/config", null, null);

    assertThat(list.statusCode()).isEqualTo(200);
    var devices =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.body()).get("devices");
    assertThat(devices).hasSize(3);
    assertThat(devices.get(0).get("id").asText()).isEqualTo("_default");
    assertThat(devices.get(1).get("id").asText()).isEqualTo("fetcher");
    assertThat(devices.get(1).get("last_change").isNull()).isTrue();
    assertThat(devices.get(1).get("last_fetch").isNull()).isFalse();
    assertThat(devices.get(2).get("id").asText()).isEqualTo("plug-1");
    assertThat(devices.get(2).get("last_change").isNull()).isFalse();
    assertThat(devices.get(2).get("last_fetch").isNull()).isTrue();
  }

  @Test
  void metricsCountRequestsByMethodAndCode() throws Exception {
    send("PUT", "/config/plug-1", GOOD, null);
    send("GET", "/config/none", null, null);
    send("GET", "/config/plug-1", null, null);

    // A request is counted once its answer is sent, so the client may ask before the last count:
    // ask again until it is there (bounded: 5 s).
    HttpResponse<String> metrics = null;
    for (int i = 0; i < 100; i++) {
      metrics =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (metrics.body().contains("code=\"200\",method=\"GET\"")) {
        break;
      }
      Thread.sleep(50);
    }

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("powermon_config_server_requests_total{code=\"201\",method=\"PUT\"} 1.0")
        .contains("powermon_config_server_requests_total{code=\"404\",method=\"GET\"} 1.0")
        .contains("powermon_config_server_requests_total{code=\"200\",method=\"GET\"} 1.0");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + TOKEN);
  }

  HttpResponse<String> send(String method, String path, String body, String ifMatch)
      throws Exception {
    HttpRequest.Builder b =
        request(path)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** One request written as is (no client normalises its path); the status line. */
  private String raw(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) != -1 && c != '\r'; ) {
        line.append((char) c);
      }
      return line.toString();
    }
  }
}
