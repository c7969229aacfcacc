package dev.powermon.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The slice of Prometheus' HTTP API the tests use: instant queries and series lookups. */
final class PrometheusApi {
  /** A query Prometheus refused (parse error, bad match[]), with its error text. */
  static final class QueryException extends IOException {
    private static final long serialVersionUID = 1L;

    QueryException(String message) {
      super(message);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  PrometheusApi(String hostPort) {
    this.base = "http://" + hostPort;
  }

  boolean ready() {
    try {
      HttpResponse<Void> r = http.send(request("/-/ready"), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Evaluates {@code expr} now; returns the result elements (series of a vector or matrix, or a
   * scalar).
   */
  List<JsonNode> query(String expr) throws IOException, InterruptedException {
    JsonNode data = call("/api/v1/query?query=" + encode(expr));
    List<JsonNode> out = new ArrayList<>();
    JsonNode result = data.path("result");
    if ("scalar".equals(data.path("resultType").asText())) {
      out.add(result);
    } else {
      result.forEach(out::add);
    }
    return out;
  }

  /**
   * The distinct values of {@code label} over the series matching {@code selector}, as Grafana's
   * label_values.
   */
  List<String> labelValues(String selector, String label) throws IOException, InterruptedException {
    TreeSet<String> values = new TreeSet<>();
    for (JsonNode series : call("/api/v1/series?match[]=" + encode(selector))) {
      if (series.hasNonNull(label)) {
        values.add(series.get(label).asText());
      }
    }
    return new ArrayList<>(values);
  }

  private JsonNode call(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(r.body());
    if (!"success".equals(body.path("status").asText())) {
      throw new QueryException(
          body.path("errorType").asText() + ": " + body.path("error").asText());
    }
    return body.path("data");
  }

  private HttpRequest request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .timeout(Duration.ofSeconds(20))
        .GET()
        .build();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
