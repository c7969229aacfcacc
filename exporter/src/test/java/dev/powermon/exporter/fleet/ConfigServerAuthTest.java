package dev.powermon.exporter.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.powermon.exporter.config.ConfigException;
import dev.powermon.exporter.fleet.sync.ConfigClient;
import dev.powermon.exporter.runtime.Providers;
import dev.powermon.exporter.web.ListenAddress;
import dev.powermon.exporter.web.WebSecurity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config server with a web config's basic-auth users beside its bearer token, on a loopback
 * port: either credential, in the one Authorization header, lets a request in.
 */
class ConfigServerAuthTest {
  private static final String TOKEN = "fleet-token";
  private static final String GOOD = "collectors:\n  steady:\n    watts: 7\n";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  private ConfigServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theTokenAndAWebConfigUserEachLetARequestIn() throws Exception {
    start(users("alice", "wonderland"), TOKEN);

    assertThat(send("PUT", "/config/plug-1", bearer(TOKEN), GOOD).statusCode()).isEqualTo(201);
    assertThat(send("PUT", "/config/plug-1", basic("alice", "wonderland"), GOOD).statusCode())
        .isEqualTo(200);
    HttpResponse<String> read = send("GET", "/config/plug-1", basic("alice", "wonderland"), null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(GOOD);
  }

  @Test
  void aWrongCredentialOfEitherKindIs401WithBothChallenges() throws Exception {
    start(users("alice", "wonderland"), TOKEN);

    for (String header : new String[] {null, bearer("nope"), basic("alice", "nope")}) {
      HttpResponse<String> r = send("PUT", "/config/plug-1", header, GOOD);
      assertThat(r.statusCode()).as(header).isEqualTo(401);
      assertThat(r.headers().allValues("WWW-Authenticate"))
          .containsExactlyInAnyOrder("Bearer realm=\"powermon\"", "Basic realm=\"powermon\"");
    }
    assertThat(dir.resolve("data/plug-1.yaml")).doesNotExist();
    assertThat(metrics(bearer(TOKEN)))
        .contains("powermon_config_server_requests_total{code=\"401\",method=\"PUT\"} 3.0");
  }

  @Test
  void withoutWebConfigUsersBasicCredentialsAreNoTokenAndMetricsStayOpen() throws Exception {
    start(null, TOKEN);

    assertThat(send("GET", "/config/plug-1", basic("alice", "wonderland"), null).statusCode())
        .isEqualTo(401);
    assertThat(send("GET", "/metrics", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void withWebConfigUsersMetricsNeedACredentialAsOnTheExporter() throws Exception {
    start(users("alice", "wonderland"), TOKEN);

    assertThat(send("GET", "/metrics", null, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/metrics", basic("alice", "wonderland"), null).statusCode())
        .isEqualTo(200);
    assertThat(send("GET", "/metrics", bearer(TOKEN), null).statusCode()).isEqualTo(200);
  }

  @Test
  void withoutATokenTheWebConfigUsersAloneProtectIt() throws Exception {
    start(users("alice", "wonderland"), null);

    assertThat(send("GET", "/config", null, null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/config", bearer(TOKEN), null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/config", basic("alice", "wonderland"), null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aReloadTakesNewUsersAndANewTokenAndABrokenFileKeepsTheRunningOnes() throws Exception {
    Path web = users("alice", "wonderland");
    WebSecurity security = start(web, TOKEN);
    Files.writeString(web, Files.readString(users("bob", "builder")));

    security.reload();
    server.token("rotated-token");

    assertThat(send("GET", "/config", basic("alice", "wonderland"), null).statusCode())
        .isEqualTo(401);
    assertThat(send("GET", "/config", basic("bob", "builder"), null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/config", bearer(TOKEN), null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/config", bearer("rotated-token"), null).statusCode()).isEqualTo(200);

    Files.writeString(web, "basic_auth_users:\n  carol: not-a-hash\n");
    assertThatThrownBy(security::reload).isInstanceOf(ConfigException.class);
    assertThat(send("GET", "/config", basic("bob", "builder"), null).statusCode()).isEqualTo(200);
  }

  @Test
  void madeUpMethodsCountAsOneSeries() throws Exception {
    start(null, TOKEN);

    send("BREW", "/config/plug-1", bearer(TOKEN), null);
    send("TEAPOT", "/config/plug-1", bearer(TOKEN), null);

    assertThat(metrics(null))
        .contains("powermon_config_server_requests_total{code=\"405\",method=\"other\"} 2.0")
        .doesNotContain("BREW");
  }

  /** Starts the server over a directory store with {@code webConfig} (null: none). */
  private WebSecurity start(Path webConfig, String token) throws Exception {
    WebSecurity security =
        webConfig == null ? WebSecurity.plain() : WebSecurity.load("--web.config.file", webConfig);
    server =
        ConfigServer.start(
            ListenAddress.parse("test", "127.0.0.1:0"),
            new DirectoryStore(dir.resolve("data")),
            new ConfigValidator(Providers.discover()),
            security,
            token);
    return security;
  }

  /** A web config with one user; bcrypt at its lowest cost, the check is the same. */
  private Path users(String user, String password) throws Exception {
    String hash = BCrypt.withDefaults().hashToString(4, password.toCharArray());
    return Files.writeString(
        dir.resolve(user + "-web.yml"), "basic_auth_users:\n  " + user + ": " + hash + "\n");
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static String basic(String user, String password) {
    return ConfigClient.basic(user, password);
  }

  private String metrics(String authorization) throws Exception {
    return send("GET", "/metrics", authorization, null).body();
  }

  private HttpResponse<String> send(String method, String path, String authorization, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
