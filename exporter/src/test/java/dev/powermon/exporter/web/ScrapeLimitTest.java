package dev.powermon.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code --web.max-requests}: a scrape beyond the limit is answered 503 at once, not queued. */
class ScrapeLimitTest {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aScrapeBeyondTheLimitGets503WhileTheOthersRun() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScrapeLimit limit =
        new ScrapeLimit(
            1,
            exchange -> {
              entered.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              Responses.text(exchange, 200, "scraped");
            });
    try (Listener listener =
        Listener.start(
            "test-http",
            ListenAddress.parse("test", "127.0.0.1:0"),
            4,
            limit,
            WebSecurity.plain())) {
      String url = "http://127.0.0.1:" + listener.address().getPort() + "/metrics";
      CompletableFuture<HttpResponse<String>> first =
          http.sendAsync(request(url), HttpResponse.BodyHandlers.ofString());
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      HttpResponse<String> second = http.send(request(url), HttpResponse.BodyHandlers.ofString());
      release.countDown();

      assertThat(second.statusCode()).isEqualTo(503);
      assertThat(second.body())
          .isEqualTo("Too many scrapes at once (--web.max-requests=1); try again\n");
      assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(statusOnceThePermitIsBack(url)).isEqualTo(200);
    }
  }

  /**
   * The first scrape's permit is released just after its response is written, so its client can ask
   * again a moment before that: ask until a 200 comes, at most 50 times.
   */
  private int statusOnceThePermitIsBack(String url) throws Exception {
    int status = 0;
    for (int attempt = 0; attempt < 50 && status != 200; attempt++) {
      status = http.send(request(url), HttpResponse.BodyHandlers.ofString()).statusCode();
      if (status != 200) {
        Thread.sleep(20);
      }
    }
    return status;
  }

  private static HttpRequest request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
  }
}
