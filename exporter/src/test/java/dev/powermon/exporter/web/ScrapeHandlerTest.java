package dev.powermon.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.Settings;
import dev.powermon.exporter.meta.BuildInfo;
import dev.powermon.exporter.runtime.CollectorPlan;
import dev.powermon.exporter.runtime.CollectorPool;
import dev.powermon.exporter.runtime.CollectorRunner;
import dev.powermon.exporter.runtime.Orchestrator;
import dev.powermon.exporter.runtime.Orchestrators;
import dev.powermon.exporter.testcollectors.SampledProvider;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The telemetry path on a real socket: concurrent scrapers each get a whole body of one collection
 * while collections change under them; every format is the encoding of the same collection; a
 * filtered request is answered for itself.
 */
class ScrapeHandlerTest {
  /** Sorted first and last in the body (families are sorted by name); both carry the collection. */
  static final MetricSpec FIRST =
      MetricSpec.gauge("powermon_aaa_collection").help("Collection number.").build();

  static final MetricSpec LAST =
      MetricSpec.gauge("powermon_zzz_collection").help("Collection number.").build();

  /** Enough series between the two that a body spans many TCP segments. */
  static final MetricSpec PADDING =
      MetricSpec.gauge("powermon_mmm_padding")
          .help("Padding between the markers.")
          .labelNames("series")
          .build();

  static final int PADDING_SERIES = 2000;

  private static final Pattern MARKER =
      Pattern.compile("^powermon_(aaa|zzz)_collection (\\S+)$", Pattern.MULTILINE);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ExecutorService probes = Executors.newSingleThreadExecutor();
  private final AtomicInteger collections = new AtomicInteger();
  private WebServer web;
  private String url;

  @BeforeEach
  void start() throws IOException {
    // No collector samples in the background: every scrape that finds no collection under way
    // starts a new one, so bodies change all through the test.
    web = serve(Orchestrators.bare(), 0);
    url = "http://127.0.0.1:" + web.port() + "/metrics";
  }

  /** {@code orchestrator} with the numbered families, collected once, on a loopback listener. */
  private WebServer serve(Orchestrator orchestrator, int maxRequests) throws IOException {
    orchestrator.setExtraFamilies(List.of(FIRST, PADDING, LAST), this::numbered);
    orchestrator.collectFirst();
    return WebServer.start(
        ListenAddress.parse("--web.listen-address", "127.0.0.1:0"),
        "/metrics",
        orchestrator,
        BuildInfo.load(),
        probes,
        maxRequests,
        WebSecurity.plain());
  }

  @AfterEach
  void stop() {
    web.close();
    probes.shutdownNow();
  }

  @Test
  void concurrentScrapersEachGetAWholeBodyOfOneCollection() throws Exception {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();

    for (HttpResponse<String> r : scrapeConcurrently(url, 16, 25)) {
      String body = r.body();
      List<String> markers = markers(body);
      if (r.statusCode() != 200
          || markers.size() != 2
          || !markers.get(0).equals(markers.get(1))
          || countLines(body, "powermon_mmm_padding{") != PADDING_SERIES
          || !body.endsWith("\n")) {
        problems.add(r.statusCode() + " " + markers + " " + body.length() + " bytes");
      } else {
        seen.add(markers.get(0));
      }
    }

    assertThat(problems).isEmpty();
    // Each scraper's scrapes follow one another, so the collection changed while they ran.
    assertThat(seen.size()).isGreaterThan(1);
  }

  @Test
  void gzipAndOpenMetricsAreEncodingsOfTheCollectionServed() throws Exception {
    HttpResponse<byte[]> gzipped = getBytes(url, "text/plain", "gzip");
    HttpResponse<String> openMetrics =
        get(url, "application/openmetrics-text; version=1.0.0; charset=utf-8", "identity");

    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String text = gunzip(gzipped.body());
    assertThat(markers(text)).hasSize(2);
    assertThat(countLines(text, "powermon_mmm_padding{")).isEqualTo(PADDING_SERIES);
    assertThat(openMetrics.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/openmetrics-text");
    assertThat(openMetrics.body()).endsWith("# EOF\n");
    assertThat(countLines(openMetrics.body(), "powermon_mmm_padding{")).isEqualTo(PADDING_SERIES);
  }

  @Test
  void headSaysTheLengthAndSendsNoBody() throws Exception {
    HttpResponse<String> head =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(15))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(Long.parseLong(head.headers().firstValue("Content-Length").orElseThrow()))
        .isGreaterThan(PADDING_SERIES * 20L);
  }

  @Test
  void aFilteredRequestGetsOnlyTheFamiliesItNamed() throws Exception {
    HttpResponse<String> filtered = get(url + "?name[]=powermon_aaa_collection", null, null);

    assertThat(filtered.statusCode()).isEqualTo(200);
    assertThat(markers(filtered.body())).hasSize(1);
    assertThat(filtered.body()).doesNotContain("powermon_mmm_padding");
  }

  @Test
  void scrapersOfAnEncodedAnswerAreNotCountedAgainstTheLimit() throws Exception {
    SampledProvider sampled = new SampledProvider();
    CollectorPlan plan =
        new CollectorPlan(
            sampled,
            Settings.parse("sampled", sampled.settings(), Map.of("interval", List.of("1h"))),
            Map.of(),
            Duration.ofSeconds(30),
            true);
    try (CollectorPool pool = new CollectorPool();
        CollectorRunner runner = pool.start(plan, List.of(plan))) {
      runner.awaitOpen(Duration.ofSeconds(30));
      Orchestrator orchestrator = Orchestrators.over(pool, Orchestrators.emptyTable());
      orchestrator.setRunners(List.of(runner));
      try (WebServer limited = serve(orchestrator, 1)) {
        String target = "http://127.0.0.1:" + limited.port() + "/metrics";
        get(target, "text/plain", null); // encodes the collection, reused for the hour
        int collected = collections.get();

        List<Integer> statuses = new ArrayList<>();
        scrapeConcurrently(target, 16, 10).forEach(r -> statuses.add(r.statusCode()));

        assertThat(statuses).hasSize(160).containsOnly(200);
        assertThat(collections).hasValue(collected);
      }
    }
  }

  /** {@code scrapers} threads, each scraping {@code each} times in a row: every response. */
  private List<HttpResponse<String>> scrapeConcurrently(String target, int scrapers, int each)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(scrapers);
    List<Future<List<HttpResponse<String>>>> pending = new ArrayList<>();
    try {
      for (int t = 0; t < scrapers; t++) {
        pending.add(
            pool.submit(
                () -> {
                  List<HttpResponse<String>> out = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    out.add(get(target, "text/plain", null));
                  }
                  return out;
                }));
      }
      List<HttpResponse<String>> all = new ArrayList<>();
      for (Future<List<HttpResponse<String>>> f : pending) {
        all.addAll(f.get(120, TimeUnit.SECONDS));
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The core's extra families, numbered by collection. */
  private List<MetricSnapshot> numbered() {
    int n = collections.incrementAndGet();
    Families out = new Families(List.of(FIRST, PADDING, LAST));
    out.gauge(FIRST, Labels.EMPTY, n);
    for (int i = 0; i < PADDING_SERIES; i++) {
      out.gauge(PADDING, Labels.of("series", Integer.toString(i)), i);
    }
    out.gauge(LAST, Labels.EMPTY, n);
    return out.list();
  }

  private static List<String> markers(String body) {
    List<String> out = new ArrayList<>();
    Matcher m = MARKER.matcher(body);
    while (m.find()) {
      out.add(m.group(2));
    }
    return out;
  }

  private static int countLines(String body, String prefix) {
    int n = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith(prefix)) {
        n++;
      }
    }
    return n;
  }

  private static String gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private HttpResponse<String> get(String target, String accept, String encoding) throws Exception {
    return http.send(request(target, accept, encoding), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> getBytes(String target, String accept, String encoding)
      throws Exception {
    return http.send(request(target, accept, encoding), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest request(String target, String accept, String encoding) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(15));
    if (accept != null) {
      b.header("Accept", accept);
    }
    if (encoding != null) {
      b.header("Accept-Encoding", encoding);
    }
    return b.build();
  }
}
