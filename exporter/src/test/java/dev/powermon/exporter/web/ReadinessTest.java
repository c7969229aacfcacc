package dev.powermon.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.meta.BuildInfo;
import dev.powermon.exporter.runtime.Orchestrator;
import dev.powermon.exporter.runtime.Orchestrators;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * {@code /-/ready} answers 503 while the listener is up but the first collection has not finished.
 */
class ReadinessTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void notReadyUntilTheFirstCollectionIsDone() throws Exception {
    BuildInfo build = BuildInfo.load();
    Orchestrator orchestrator = Orchestrators.bare();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (WebServer web =
        WebServer.start(
            ListenAddress.parse("--web.listen-address", "127.0.0.1:0"),
            "/metrics",
            orchestrator,
            build,
            executor)) {
      String ready = "http://127.0.0.1:" + web.port() + "/-/ready";

      HttpResponse<String> before = get(ready);
      orchestrator.collectFirst();
      HttpResponse<String> after = get(ready);

      assertThat(before.statusCode()).isEqualTo(503);
      assertThat(before.body())
          .isEqualTo("powermon is not ready: the first collection is under way.\n");
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(after.body()).isEqualTo("powermon is Ready.\n");
    } finally {
      executor.shutdownNow();
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
